// A fresh embedded store in a temporary directory, migrated with the
// project's migrations unless told not to: a copy of the run's empty template
// when the test run made one (store-global-setup.ts), a new one otherwise
// (benchmarks run outside vitest).
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrateStore, openStore, type Store } from '../../core/store/store.ts'

export type TempStore = Store & { dir: string; destroy(): Promise<void> }

export async function openTempStore(opts: { migrate: boolean } = { migrate: true }): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-store-'))
  const template = process.env.CC_TEST_PGLITE_TEMPLATE
  if (template) cpSync(template, dir, { recursive: true })
  const store = await openStore({ mode: 'embedded', dir })
  try {
    if (opts.migrate) await migrateStore(store)
  } catch (err) {
    await store.close()
    throw err
  }
  return Object.assign(store, {
    dir,
    async destroy() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}
