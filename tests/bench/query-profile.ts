// Where a tick's time goes, per query: a ClickHouse client that runs the
// tick's queries one at a time (as the embedded engine does anyway) and, for
// each, reads the engine's own counters before and after (system.events:
// time spent analysing and planning, rows and parts selected). The embedded
// engine keeps no query_log, so the counters' differences are the figures.
// What reading the counters itself costs is measured once and taken off.
import type { ClickHouseClient } from '@clickhouse/client'

const COUNTERS = ['QueryAnalysisMicroseconds', 'QueryPlanBuildMicroseconds', 'QueryPlanOptimizeMicroseconds', 'SelectedRows', 'SelectedParts'] as const
type Counters = Record<(typeof COUNTERS)[number], number>

export interface QueryFigures {
  kind: string
  ms: number
  planningUs: number
  rows: number
  parts: number
}

/** A short name for a query: the rollup or table it reads. */
export function kindOf(query: string): string {
  const from = /FROM\s+(?:system\.)?(\w+)/.exec(query)?.[1] ?? 'other'
  return from === 'parts' ? 'table versions (system.parts)' : from
}

async function counters(client: ClickHouseClient): Promise<Counters> {
  const result = await client.query({
    query: `SELECT event, value FROM system.events WHERE event IN {names:Array(String)}`,
    query_params: { names: [...COUNTERS] },
    format: 'JSONCompactEachRow',
  })
  const out = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters
  for (const [event, value] of await result.json<[string, string | number]>()) out[event as keyof Counters] = Number(value)
  return out
}

export async function profilingClient(client: ClickHouseClient): Promise<{ client: ClickHouseClient; figures: QueryFigures[] }> {
  const figures: QueryFigures[] = []
  // The counters' own read, to subtract.
  const a = await counters(client)
  const b = await counters(client)
  const own = Object.fromEntries(COUNTERS.map((c) => [c, b[c] - a[c]])) as Counters
  let chain: Promise<unknown> = Promise.resolve()
  const wrapped = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown
      return (params: Parameters<ClickHouseClient['query']>[0]) => {
        const run = chain.then(async () => {
          const before = await counters(target)
          const t0 = performance.now()
          const result = await target.query(params)
          const rows = await result.json()
          const ms = performance.now() - t0
          const after = await counters(target)
          const d = (c: keyof Counters) => Math.max(0, after[c] - before[c] - own[c])
          figures.push({
            kind: kindOf(params.query),
            ms,
            planningUs: d('QueryAnalysisMicroseconds') + d('QueryPlanBuildMicroseconds') + d('QueryPlanOptimizeMicroseconds'),
            rows: d('SelectedRows'),
            parts: d('SelectedParts'),
          })
          return { json: async () => rows }
        })
        chain = run.catch(() => undefined)
        return run
      }
    },
  })
  return { client: wrapped as ClickHouseClient, figures }
}

/** Per kind: queries per tick (1 − the cache's hit rate), median time, planning, rows and parts. */
export function profileTable(figures: readonly QueryFigures[], ticks: number): string {
  const kinds = [...new Set(figures.map((f) => f.kind))]
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0
  const lines = ['query (table read)              | per tick | p50 ms | planning µs | rows read | parts']
  for (const kind of kinds) {
    const mine = figures.filter((f) => f.kind === kind)
    lines.push(
      `${kind.padEnd(32)} | ${(mine.length / ticks).toFixed(2).padStart(8)} | ${median(mine.map((f) => f.ms)).toFixed(1).padStart(6)} | ${String(Math.round(median(mine.map((f) => f.planningUs)))).padStart(11)} | ${String(Math.round(median(mine.map((f) => f.rows)))).padStart(9)} | ${String(Math.round(median(mine.map((f) => f.parts)))).padStart(5)}`,
    )
  }
  return lines.join('\n')
}
