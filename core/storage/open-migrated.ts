// A long-running program's storage: opened, named in the log, and migrated
// before anything reads or writes it.
import type { StorageConfig } from '../config.ts'
import { openStorage, type Storage } from './clickhouse.ts'
import { migrate } from './migrate.ts'

export async function openMigratedStorage(config: StorageConfig, log: { info(msg: string): void }): Promise<Storage> {
  const storage = await openStorage(config)
  log.info(`storage: ${storage.describe}`)
  try {
    const applied = await migrate(storage.client, { rawTtlDays: config.rawTtlDays })
    log.info(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date')
  } catch (err) {
    await storage.close()
    throw err
  }
  return storage
}
