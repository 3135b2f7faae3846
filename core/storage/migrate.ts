// Applies the numbered migrations of schemas/migrations in order, once each,
// recording every one in schema_migrations. Statements are written to be
// re-runnable (IF NOT EXISTS), so a start that died half-way through a
// migration finishes it on the next start.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ClickHouseClient } from '@clickhouse/client'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../schemas/migrations/', import.meta.url))

export interface Migration {
  version: number
  name: string
  statements: string[]
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8')
      const statements = text
        .split(/;\s*\n/)
        .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
        .filter((s) => s.length > 0)
      return { version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), statements }
    })
}

export async function appliedMigrations(client: ClickHouseClient): Promise<number[]> {
  const result = await client.query({ query: 'SELECT version FROM schema_migrations ORDER BY version', format: 'JSONEachRow' })
  return (await result.json<{ version: number }>()).map((r) => Number(r.version))
}

/** Applies what is missing; returns the names of the migrations applied now. */
export async function migrate(client: ClickHouseClient, opts: { rawTtlDays?: number } = {}): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  })
  const done = new Set(await appliedMigrations(client))
  const applied: string[] = []
  for (const migration of readMigrations()) {
    if (done.has(migration.version)) continue
    for (const statement of migration.statements) {
      try {
        await client.command({ query: statement })
      } catch (err) {
        throw new Error(`migration ${migration.name} failed: ${(err as Error).message.split('\n')[0]}`)
      }
    }
    await client.insert({
      table: 'schema_migrations',
      values: [{ version: migration.version, name: migration.name }],
      format: 'JSONEachRow',
    })
    applied.push(migration.name)
  }
  if (opts.rawTtlDays !== undefined) await applyRawTtl(client, opts.rawTtlDays)
  return applied
}

// DDL takes no query parameters; the value is an integer validated by
// loadStorageConfig (1..3650), which is why it may be written into the text.
// The entity days of 016 say where a timeline's raw events are, so they are
// kept as long as those events: from the end of the entity's last day.
const RAW_TTL = [
  { table: 'events', from: 'toDateTime(occurred_at)' },
  { table: 'entity_days', from: 'toDateTime(arrayMax(days) + 1)' },
] as const

async function applyRawTtl(client: ClickHouseClient, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1) throw new Error(`raw TTL must be a positive integer, got ${days}`)
  const result = await client.query({
    query: 'SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}',
    query_params: { names: RAW_TTL.map((t) => t.table) },
    format: 'JSONEachRow',
  })
  const engines = new Map((await result.json<{ name: string; engine_full: string }>()).map((r) => [r.name, r.engine_full]))
  for (const { table, from } of RAW_TTL) {
    const engine = engines.get(table)
    if (engine === undefined || engine.includes(`toIntervalDay(${days})`)) continue
    await client.command({
      query: `ALTER TABLE ${table} MODIFY TTL ${from} + INTERVAL ${days} DAY`,
      clickhouse_settings: { materialize_ttl_after_modify: 0 },
    })
  }
}
