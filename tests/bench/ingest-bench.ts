// `npm run bench:ingest`: sustained events per second through the whole
// ingest pipeline (decode, validate, dedupe, project, journal, batch, insert) into the
// embedded engine, against a baseline measured in the same run: the same rows
// inserted directly as large JSONEachRow inserts into the same tables (with
// the same materialized views firing). Prints both and the ratio.
//
//   npm run bench:ingest -- --events 1000000
import { cpus, tmpdir } from 'node:os'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { loadTerritory } from '../../schemas/territory.ts'
import { DEFAULT_SLA_RULES } from '../../schemas/sla.ts'
import { validateEvent } from '../../schemas/validate.ts'
import type { DomainEvent } from '../../schemas/events.ts'
import { loadIngestConfig } from '../../ingest/config.ts'
import { toEventRow } from '../../ingest/event-row.ts'
import { InsertJournal } from '../../ingest/insert-journal.ts'
import { IngestPipeline } from '../../ingest/pipeline.ts'
import { openStorage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'
import { chTime } from '../../core/time-format.ts'
import { parseFlags } from '../../core/cli/cli-args.ts'
import { backfill, createSimulator } from '../../ingest/simulator/simulator.ts'

const flags = parseFlags(process.argv.slice(2), { events: { type: 'string' } })
const target = Number(flags.events ?? 1_000_000)
if (!Number.isInteger(target) || target < 10_000) throw new Error('--events must be an integer >= 10000')

const TABLES = [
  'events', 'kpi_calls_1m', 'kpi_workorders_1m', 'kpi_callbacks_1m', 'kpi_occupancy_1m',
  'agents', 'outages', 'workorders', 'workorders_open', 'calls_live', 'events_watermark', 'dead_letters',
]

// A big center (call volume ×40), generated before timing starts. The
// simulator also announces planned outages up to a week ahead of the
// start, hence the 9-day past skew below.
const sim = createSimulator({ territory: loadTerritory(), seed: 7, start: new Date(Date.now() - 86_400_000), callVolume: 40, lateShare: 0 })
const lines: string[] = []
class Enough extends Error {}
await backfill(sim, new Date(Date.now() - 60_000), async (chunk) => {
  lines.push(...chunk.slice(0, target - lines.length))
  if (lines.length >= target) throw new Enough()
}).catch((err: unknown) => {
  if (!(err instanceof Enough)) throw err
})
const count = lines.length

const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-ingest-'))
const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
await migrate(storage.client)

// Baseline: rows already decoded and shaped, inserted in batches as large as the pipeline's.
const config = { ...loadIngestConfig({}), maxPastSkewMs: 9 * 86_400_000 }
const receivedAt = chTime(Date.now())
const rows = lines.map((line) => {
  const result = validateEvent(JSON.parse(line))
  if (!result.ok) throw new Error(result.reason)
  return toEventRow(result.event as DomainEvent, receivedAt, {})
})
let started = performance.now()
for (let i = 0; i < rows.length; i += config.batchRows) {
  await storage.client.insert({ table: 'events', values: rows.slice(i, i + config.batchRows), format: 'JSONEachRow' })
}
const baselineSeconds = (performance.now() - started) / 1000
for (const table of TABLES) await storage.client.command({ query: `TRUNCATE TABLE ${table}` })

// The pipeline as the programs run it (journaled), fed as a source would:
// raw JSON lines, 10,000 per submit.
const logger = { info: () => {}, warn: (o: object, m: string) => console.error(m, o), error: (o: object, m: string) => console.error(m, o) }
const pipeline = new IngestPipeline({
  client: storage.client,
  config,
  slaRules: DEFAULT_SLA_RULES,
  logger,
  journal: await InsertJournal.open(join(dataDir, 'ingest-journal'), storage.describe, logger),
})
started = performance.now()
for (let i = 0; i < count; i += 10_000) {
  await pipeline.submit(lines.slice(i, i + 10_000).map((input) => ({ input, source: 'bench' })))
}
await pipeline.stop()
const pipelineSeconds = (performance.now() - started) / 1000
const [stored] = await (await storage.client.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' })).json<{ n: number }>()
await storage.close()
rmSync(dataDir, { recursive: true, force: true })

const rate = count / pipelineSeconds
const baselineRate = count / baselineSeconds
const fmt = (n: number) => Math.round(n).toLocaleString('en')
console.log(`bench:ingest — ${fmt(count)} simulated events, ${cpus().length} cores, batch ${config.batchRows} rows / ${config.batchMs} ms`)
console.log(`  pipeline (decode, validate, dedupe, project, journal, insert): ${fmt(rate)} events/s (${pipelineSeconds.toFixed(1)} s, stored ${fmt(Number(stored.n))}, refused ${fmt(pipeline.metrics.deadLetteredTotal)})`)
console.log(`  baseline (the same rows pre-shaped, ${fmt(config.batchRows)}-row JSONEachRow inserts): ${fmt(baselineRate)} rows/s (${baselineSeconds.toFixed(1)} s)`)
console.log(`  ratio pipeline / baseline: ${(rate / baselineRate).toFixed(2)}   goals: >= 100,000 events/s and >= 0.5 of baseline`)
// Planned outages announced more than the allowed skew before the start are
// refused by design; everything accepted must be stored.
if (Number(stored.n) !== pipeline.metrics.acceptedTotal) {
  throw new Error(`stored ${stored.n} of ${pipeline.metrics.acceptedTotal} accepted events`)
}
