// Migrations against the real embedded engine: each applies once, and a data
// migration (008, occupancy by region) carries the history stored before it
// over exactly: nothing lost, nothing doubled when its statements run again
// (a start that died half-way, or two processes migrating at once); the SLA
// keys (015) and the entity days (016) are written for what was stored before
// them, and the days are kept as long as the raw events (RAW_TTL_DAYS).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStorage, type Storage } from '../core/storage/clickhouse.ts'
import { migrate, readMigrations } from '../core/storage/migrate.ts'
import { testIngestConfig, testPipeline } from './support/kafka-ingest-fixtures.ts'
import { queryRows } from './support/temp-storage.ts'
import { sampleEvent } from './support/sample-events.ts'

const OCCUPANCY = 8
const SLA_KEYS = 15
let dataDir: string
let storage: Storage

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cc-migrations-'))
  storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
})
afterAll(async () => {
  await storage.close()
  rmSync(dataDir, { recursive: true, force: true })
})

// Takes the store back to what a release before `version` made: the tables
// of the earlier migrations only, recorded as applied.
async function rollBackTo(version: number): Promise<void> {
  const command = (query: string) => storage.client.command({ query })
  const names = (await tableNames()).filter((n) => n !== 'schema_migrations')
  for (const name of names.filter((n) => n.startsWith('mv_'))) await command(`DROP VIEW ${name}`)
  for (const name of names.filter((n) => !n.startsWith('mv_'))) await command(`DROP TABLE ${name}`)
  await command('TRUNCATE TABLE schema_migrations')
  const earlier = readMigrations().filter((m) => m.version < version)
  for (const m of earlier) for (const statement of m.statements) await command(statement)
  await storage.client.insert({ table: 'schema_migrations', values: earlier.map((m) => ({ version: m.version, name: m.name })), format: 'JSONEachRow' })
}

const newPipeline = () => testPipeline(storage.client, 'migrations', testIngestConfig({ batchMs: 10 }))

async function tableNames(): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(storage, 'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name')
  return rows.map((r) => r.name)
}

describe('migrations', () => {
  it('apply each once: a second run applies none and changes nothing', async () => {
    await migrate(storage.client)
    const tables = await tableNames()
    expect(await migrate(storage.client)).toEqual([])
    expect(await tableNames()).toEqual(tables)
    const applied = await queryRows<{ version: number }>(storage, 'SELECT version FROM schema_migrations FINAL ORDER BY version')
    expect(applied.map((r) => Number(r.version))).toEqual(readMigrations().map((m) => m.version))
  })

  it('008 carries the occupancy history over by region, exactly, even when run twice', async () => {
    await rollBackTo(OCCUPANCY)
    expect(await tableNames()).toContain('kpi_agents_1m')
    const at = Date.now() - 3 * 3600_000
    const agent = (id: string, region: string, minutes: number, state: string) =>
      sampleEvent('agent.state', at + minutes * 60_000, { agent_id: id, team: 'cc-a', region, state })
    const pipeline = newPipeline()
    await pipeline.submit(
      [
        agent('a1', 'D01', 0, 'available'), agent('a1', 'D01', 10, 'on_call'), agent('a1', 'D01', 25, 'wrap_up'), agent('a1', 'D01', 27, 'available'),
        agent('a2', 'D02', 0, 'on_call'), agent('a2', 'D02', 5, 'available'), agent('a2', 'D02', 65, 'offline'),
      ].map((e) => ({ input: e, source: 'test' })),
    )
    await pipeline.stop()
    const [before] = await queryRows<{ busy: number; available: number }>(storage, 'SELECT sum(busy_ms) busy, sum(available_ms) available FROM kpi_agents_1m')
    expect(before).toEqual({ busy: (15 + 2 + 5) * 60_000, available: (10 + 60) * 60_000 })

    expect(await migrate(storage.client)).toEqual(readMigrations().filter((m) => m.version >= OCCUPANCY).map((m) => m.name))
    expect(await tableNames()).not.toContain('kpi_agents_1m')
    const byRegion = () => queryRows<{ region: string; busy: number; available: number }>(storage,
      'SELECT region, sum(busy_ms) busy, sum(available_ms) available FROM kpi_occupancy_1m GROUP BY region ORDER BY region')
    const expected = [
      { region: 'D01', busy: (15 + 2) * 60_000, available: 10 * 60_000 },
      { region: 'D02', busy: 5 * 60_000, available: 60 * 60_000 },
    ]
    expect(await byRegion()).toEqual(expected)

    // Its statements again, as a second process migrating at the same time would run them.
    for (const statement of readMigrations().find((m) => m.version === OCCUPANCY)!.statements) await storage.client.command({ query: statement })
    expect(await byRegion()).toEqual(expected)

    // And what arrives afterwards goes through the view.
    const later = newPipeline()
    await later.submit([agent('a2', 'D02', 70, 'available'), agent('a2', 'D02', 80, 'on_call')].map((e) => ({ input: e, source: 'test' })))
    await later.stop()
    expect(await byRegion()).toEqual([expected[0], { region: 'D02', busy: 5 * 60_000, available: 70 * 60_000 }])
  })

  it('015 and 016 apply to the orders and events stored before them, and again change nothing', async () => {
    await rollBackTo(SLA_KEYS)
    const created = Date.now() - 26 * 3600_000
    const pipeline = newPipeline()
    await pipeline.submit(
      [
        sampleEvent('workorder.created', created, { workorder_id: 'W-OLD', category: 'fault_repair', area_class: 'urban' }),
        sampleEvent('workorder.dispatched', created + 25 * 3600_000, { workorder_id: 'W-OLD', team: 'field-east' }),
        sampleEvent('call.offered', created - 60_000, { call_id: 'C-OLD' }),
        sampleEvent('agent.state', created, { agent_id: 'A-OLD' }),
      ].map((e) => ({ input: e, source: 'test' })),
    )
    await pipeline.stop()

    expect(await migrate(storage.client)).toEqual(readMigrations().filter((m) => m.version >= SLA_KEYS).map((m) => m.name))
    // The keys are written into the parts that were there, not only computed on read.
    for (const table of ['workorders', 'workorders_open']) {
      const parts = await queryRows<{ parts: number; keyed: number }>(storage,
        `SELECT uniqExact(name) AS parts, uniqExactIf(name, column = 'sla_next_due_ms') AS keyed FROM system.parts_columns WHERE active AND database = currentDatabase() AND table = {table:String}`, { table })
      expect(Number(parts[0]!.parts)).toBeGreaterThan(0)
      expect(Number(parts[0]!.keyed)).toBe(Number(parts[0]!.parts))
    }
    const keys = await queryRows<{ next: number | null }>(storage, "SELECT sla_next_due_ms AS next FROM workorders FINAL WHERE workorder_id = 'W-OLD'")
    expect(keys[0]!.next).not.toBeNull()
    const days = () => queryRows<{ id: string; days: string[] }>(storage,
      'SELECT entity_id AS id, arraySort(groupUniqArrayArray(days)) AS days FROM entity_days GROUP BY id ORDER BY id')
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const expected = [
      { id: 'C-OLD', days: [day(created - 60_000)] },
      { id: 'W-OLD', days: [...new Set([day(created), day(created + 25 * 3600_000)])] },
    ]
    expect(await days()).toEqual(expected)

    for (const m of readMigrations().filter((m) => m.version >= SLA_KEYS)) for (const statement of m.statements) await storage.client.command({ query: statement })
    expect(await days()).toEqual(expected)

    await migrate(storage.client, { rawTtlDays: 30 })
    const engines = await queryRows<{ name: string; engine_full: string }>(storage,
      "SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN ('events', 'entity_days') ORDER BY name")
    expect(engines.map((e) => [e.name, e.engine_full.includes('toIntervalDay(30)')])).toEqual([['entity_days', true], ['events', true]])
  })
})
