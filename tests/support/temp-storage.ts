// A fresh embedded ClickHouse per test file (chDB binds one data directory
// per process, and vitest runs each file in its own process), migrated.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage, type Storage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'

export async function openTempStorage(): Promise<Storage & { dataDir: string; destroy(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-test-'))
  const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
  await migrate(storage.client)
  return {
    ...storage,
    dataDir,
    async destroy() {
      await storage.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function queryRows<T>(storage: Storage, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const result = await storage.client.query({ query, query_params: params, format: 'JSONEachRow' })
  return result.json<T>()
}
