// A long-running program's store: opened, named in the log, and migrated
// before anything reads or writes it.
import { migrateStore } from './migrate.ts'
import { openStore } from './open.ts'
import type { Store, StoreConfig } from './store.ts'

export async function openMigratedStore(config: StoreConfig, log: { info(msg: string): void }): Promise<Store> {
  const store = await openStore(config)
  log.info(`store: ${store.describe}`)
  try {
    const applied = await migrateStore(store)
    log.info(applied.length > 0 ? `store migrations applied: ${applied.join(', ')}` : 'store migrations: up to date')
  } catch (err) {
    await store.close()
    throw err
  }
  return store
}
