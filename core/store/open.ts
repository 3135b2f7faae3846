// The one place a Store is made: PGlite in a directory, or a pg pool on a
// PostgreSQL server. Everything after this is the same code for both.
import { openPgDriver } from './pg-driver.ts'
import { openPgliteDriver } from './pglite-driver.ts'
import { storeOver } from './sql-store.ts'
import type { Store, StoreConfig } from './store.ts'

export async function openStore(config: StoreConfig): Promise<Store> {
  const driver = config.mode === 'embedded' ? await openPgliteDriver(config.dir) : await openPgDriver(config.url)
  return storeOver(driver)
}
