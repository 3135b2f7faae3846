// `npm run bench:desk` (drill-down latency): p50 and p95 of every list and
// detail route the desk calls, over the REST API of a real app (app.inject:
// routing, access check, query, serialization) on 30 days of simulated
// history, with the app's own KPI tick running beside them as in
// production. Goal: p95 ≤ 100 ms for every list and detail route.
//
//   npx tsx tests/bench/desk-bench.ts [--data-dir DIR] [--history DIR] [--requests 60]
//
// The history is the one `npm run bench:kpi` generates (30 days at call
// volume ×2, about 18 million events, ending at 10:30 center time): it is
// copied once from --history (default $KPI_BENCH_DIR or <tmp>/cc-bench-kpi)
// into --data-dir (default $DESK_BENCH_DIR or <tmp>/cc-bench-desk), since
// chDB binds one data directory to one process and the copy must not be one
// that another bench may open. The app's clock stands at the history's end.
//
// Alerts: an ALERTING_FILE of two rules the history's end fires (every
// overdue order, and each district with overdue orders), so that an alert's
// detail with its context (related alerts among dozens of one rule, the
// orders concerned) is measured too, once the first ticks have judged them.
//
// The same run prints a baseline: a route that does not touch ClickHouse
// (GET /api/v1/territory) and `SELECT 1` through the embedded engine, and
// each route's p95 over that baseline, with the load average, so a reader
// can tell a slow route from a busy machine.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseFlags } from '../../core/cli/cli-args.ts'
import { openStorage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'
import { IngestPipeline } from '../../ingest/pipeline.ts'
import { loadIngestConfig } from '../../ingest/config.ts'
import { DEFAULT_SLA_RULES } from '../../schemas/sla.ts'
import { buildApp } from '../../server/app.ts'
import { territory, testConfig } from '../server-harness.ts'
import { withToken } from '../support/access.ts'
import { openTempStore } from '../support/temp-store.ts'

const GOAL_MS = 100
const WARM_UP = 5

const flags = parseFlags(process.argv.slice(2), { 'data-dir': { type: 'string' }, history: { type: 'string' }, requests: { type: 'string' } })
const dataDir = join(String(flags['data-dir'] ?? process.env.DESK_BENCH_DIR ?? join(tmpdir(), 'cc-bench-desk')), 'days-30')
const source = join(String(flags.history ?? process.env.KPI_BENCH_DIR ?? join(tmpdir(), 'cc-bench-kpi')), 'days-30')
const requests = Number(flags.requests ?? '60')
if (!Number.isInteger(requests) || requests < 10) throw new Error(`--requests must be an integer ≥ 10, got ${String(flags.requests)}`)

const MARKER = 'kpi-bench-history.json'
const log = (msg: string) => process.stderr.write(`${msg}\n`)
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!

if (!existsSync(join(dataDir, MARKER))) {
  if (!existsSync(join(source, MARKER))) {
    throw new Error(`no 30-day history at ${source}: run \`npm run bench:kpi\` first (it generates one), or pass --history DIR`)
  }
  log(`copying the 30-day history from ${source} to ${dataDir}…`)
  cpSync(source, dataDir, { recursive: true })
}
const history = JSON.parse(readFileSync(join(dataDir, MARKER), 'utf8')) as { end: number; events: number }

const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
await migrate(storage.client)
const store = await openTempStore()
// The intake the app needs for POST /api/v1/events; nothing is posted during the run.
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const sink = new IngestPipeline({ client: storage.client, config: loadIngestConfig({}), slaRules: DEFAULT_SLA_RULES, logger: quiet })
const alertingFile = join(dataDir, '..', 'desk-bench-alerting.json')
writeFileSync(
  alertingFile,
  JSON.stringify({
    rules: [
      { id: 'bench-overdue', name: '工单超时', kind: 'entity', severity: 'warning', check: 'workorder_overdue' },
      { id: 'bench-overdue-region', name: '区域超时工单', kind: 'kpi', severity: 'warning', kpi: 'workorders_overdue_now', window: 'today', scope: { region: '*' }, op: 'above', fire: 1, clear: 0, for: '0s' },
    ],
  }),
)
const app = await buildApp({ storage, store, config: testConfig({ ALERTING_FILE: alertingFile }), territory, sink, logger: false, now: () => new Date(history.end) })
await app.ready()
const program = await withToken(app, ['read'])

async function get<T>(url: string): Promise<T> {
  const res = await app.inject({ url, headers: program.headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`)
  return res.json<T>()
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < WARM_UP; i++) await run()
  const ms: number[] = []
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now()
    await run()
    ms.push(performance.now() - t0)
  }
  ms.sort((a, b) => a - b)
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: ms[ms.length - 1]! }
}

type Page = { total: number; items: Array<Record<string, string>> }
// Real ids for the detail routes and the searches: an overdue order, the largest active outage.
const overdue = await get<Page>('/api/v1/workorders?overdue=true&limit=1')
const anyOrder = overdue.items[0] ?? (await get<Page>('/api/v1/workorders?limit=1')).items[0]
const outage = (await get<Page>('/api/v1/outages?active=true&limit=1')).items[0] ?? (await get<Page>('/api/v1/outages?limit=1')).items[0]
if (!anyOrder || !outage) throw new Error('the history holds no work order or outage')
const orderId = anyOrder.workorder_id!
const region = anyOrder.region!
const callId = anyOrder.call_id ?? ''
// The alerts come with the first ticks that judge the whole history (it loads first).
const alertsBy = Date.now() + 180_000
while (!app.alerts.current().some((a) => a.rule_id === 'bench-overdue-region') && Date.now() < alertsBy) await new Promise((r) => setTimeout(r, 500))
const regionAlert = app.alerts.current().find((a) => a.rule_id === 'bench-overdue-region')
if (!regionAlert) log('no alert fired within 3 minutes: the alert detail is not measured')
if (callId === '') log('the order has no call id: the call timeline is not measured')

const routes: Array<[string, string]> = [
  ['work orders, most urgent first', '/api/v1/workorders'],
  ['work orders overdue', '/api/v1/workorders?overdue=true'],
  ['work orders at risk', '/api/v1/workorders?at_risk=true'],
  [`work orders overdue in ${region}`, `/api/v1/workorders?overdue=true&region=${region}`],
  ['work orders open, complaints', '/api/v1/workorders?open=true&category=complaint'],
  ['work orders, newest first', '/api/v1/workorders?sort=created_desc'],
  ['work orders, page 21', '/api/v1/workorders?offset=1000'],
  ['work orders, search by id', `/api/v1/workorders?q=${encodeURIComponent(orderId.slice(-6))}`],
  ['work orders of an outage', `/api/v1/workorders?outage=${encodeURIComponent(outage.outage_id!)}`],
  ['work order timeline', `/api/v1/workorders/${encodeURIComponent(orderId)}/timeline`],
  ['outages active', '/api/v1/outages?active=true'],
  ['outages, all', '/api/v1/outages'],
  ['outages with key customers', '/api/v1/outages?key_customers=true'],
  ['outages past ETR', '/api/v1/outages?etr_overrun=true'],
  ['outage timeline', `/api/v1/outages/${encodeURIComponent(outage.outage_id!)}/timeline`],
  ['agents by team', '/api/v1/agents'],
  ['agents longest in state', '/api/v1/agents?sort=longest'],
  ['queues', '/api/v1/queues'],
  ...(callId === '' ? [] : [['call timeline', `/api/v1/calls/${encodeURIComponent(callId)}/timeline`] as [string, string]]),
  ...(regionAlert ? [['alert detail with its context', `/api/v1/alerts/${regionAlert.id}`] as [string, string]] : []),
]
const exports: Array<[string, string]> = [
  ['export overdue orders, CSV', '/api/v1/workorders/export?overdue=true&format=csv'],
  ['export overdue orders, XLSX', '/api/v1/workorders/export?overdue=true&format=xlsx'],
]

log(`measuring ${routes.length + exports.length} routes, ${requests} requests each…`)
const baseRoute = await time(() => get('/api/v1/territory'))
const baseQuery = await time(async () => (await storage.client.query({ query: 'SELECT 1', format: 'JSONEachRow' })).json())
const measured: Array<{ name: string; url: string; rows: number; p50: number; p95: number; max: number }> = []
for (const [name, url] of [...routes, ...exports]) {
  const page = url.includes('/export') ? null : await get<{ total?: number; events?: unknown[] }>(url)
  const figures = await time(() => (url.includes('/export') ? app.inject({ url, headers: program.headers }) : get(url)))
  measured.push({ name, url, rows: page?.total ?? page?.events?.length ?? 0, ...figures })
}
const load = loadavg()
await app.close()
await sink.stop()
await storage.close()
await store.destroy()

const cpu = cpus()
const fmt = (ms: number) => ms.toFixed(1).padStart(7)
console.log(`\nDesk drill-down latency — ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${history.events.toLocaleString('en-US')} events over 30 days, ${requests} requests a route after ${WARM_UP} warm-up, KPI tick running`)
console.log(`baseline: GET /api/v1/territory p50 ${baseRoute.p50.toFixed(1)} ms, p95 ${baseRoute.p95.toFixed(1)} ms; chDB SELECT 1 p50 ${baseQuery.p50.toFixed(1)} ms, p95 ${baseQuery.p95.toFixed(1)} ms`)
console.log('route                                    |   rows/total |     p50 |     p95 |     max | p95 / SELECT 1 p95')
for (const m of measured) {
  console.log(`${m.name.padEnd(40)} | ${String(m.rows).padStart(12)} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.max)} | ${(m.p95 / baseQuery.p95).toFixed(1).padStart(8)}`)
}
const lists = measured.filter((m) => !m.url.includes('/export'))
const worst = lists.reduce((a, b) => (b.p95 > a.p95 ? b : a))
const missed = lists.filter((m) => m.p95 > GOAL_MS)
console.log(`\nlists and details: p95 ≤ ${GOAL_MS} ms: ${missed.length === 0 ? 'met' : `NOT met for ${missed.map((m) => m.name).join(', ')}`} (worst ${worst.p95.toFixed(1)} ms, ${worst.name}); exports are files, not held to it`)
console.log(`load average at the end: ${load.map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`)
console.log(`data: ${dataDir} (a copy, reused by the next run)`)
