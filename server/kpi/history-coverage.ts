// How far back stored history reaches, per KPI source: the earliest minute
// of each rollup and the earliest outage start. A comparison period (the
// same window yesterday or last week) or a trend bucket that ends before its
// source's history begins has no value: drawn as no line, said as "no data",
// never as 0. One that history reaches into counts what is there. Per
// source, because sources start at different times: an
// outage announced a week ahead must not make last week's calls look known,
// and callbacks are keyed by a deadline three days after a resolution.
//
// The minimum of a partition-key column is answered from part metadata
// (ClickHouse's implicit minmax projection), so this costs the same at any
// history length; it is read at most once a minute (every few seconds while
// a source has none).
import type { ClickHouseClient } from '@clickhouse/client'
import { msFromCh } from '../../core/time-format.ts'
import { KPI_SOURCES, type KpiSource } from '../../schemas/kpis.ts'
import { ROLLUP_OF } from './rollup-sources.ts'

export type HistoryStarts = Record<KpiSource, number | null>

const REFRESH_MS = 60_000
// A source without history yet is looked at again sooner: data arriving on a
// new store must not wait a minute to count.
const REFRESH_EMPTY_MS = 5_000

const QUERY = `SELECT ${KPI_SOURCES.map((source) =>
  source === 'outages'
    ? '(SELECT min(started_at) FROM outages WHERE started_at IS NOT NULL)'
    : `(SELECT min(minute) FROM ${ROLLUP_OF[source].table})`,
).join(', ')}`

export class HistoryCoverage {
  private cached: { at: number; starts: Promise<HistoryStarts>; refreshMs: number } | null = null

  constructor(private readonly client: ClickHouseClient) {}

  /** The earliest stored time of each source (epoch ms), null for a source with none; at most a minute old. */
  starts(now: number): Promise<HistoryStarts> {
    if (this.cached && now - this.cached.at < this.cached.refreshMs && now >= this.cached.at) return this.cached.starts
    const starts = this.read()
    const entry = { at: now, starts, refreshMs: REFRESH_MS }
    this.cached = entry
    starts.then(
      (read) => {
        if (Object.values(read).some((start) => start === null)) entry.refreshMs = REFRESH_EMPTY_MS
      },
      // A failed read is not kept: the next tick tries again.
      () => {
        if (this.cached === entry) this.cached = null
      },
    )
    return starts
  }

  private async read(): Promise<HistoryStarts> {
    const result = await this.client.query({ query: QUERY, format: 'JSONCompactEachRow' })
    const [row] = await result.json<Array<string | null>>()
    return Object.fromEntries(
      KPI_SOURCES.map((source, i) => {
        const ms = msFromCh(row?.[i] ?? null)
        // min() of no rows is the epoch.
        return [source, ms === null || ms <= 0 ? null : ms]
      }),
    ) as HistoryStarts
  }
}

/** Whether a source's history reaches into [lo, hi): it began before `hi`. */
export const reaches = (starts: HistoryStarts, source: KpiSource, hi: number): boolean => {
  const start = starts[source]
  return start !== null && start < hi
}
