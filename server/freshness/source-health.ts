// Which sources deliver, from `ingest_sources` (written by every ingest
// pipeline, embedded or deployed: ingest/source-liveness.ts), and whether
// history is still loading. Read at most once per report interval, whatever
// the number of scopes and ticks, and shared by them.
//
// A source is silent when it has neither polled nor delivered for
// STALE_AFTER_SECONDS; behind when what it delivered has waited longer than
// that to be stored, or when Kafka holds messages for it while the newest
// event it delivered is older than that; live otherwise. What a process
// reported is trusted for its pending events, lag and load progress only
// while the process keeps reporting (a process that died leaves its last row).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'
import type { HistoryLoading, SourceHealth } from '../../schemas/snapshot.ts'

export interface SourcesNow {
  sources: SourceHealth[]
  loading: HistoryLoading | null
}

/** Sources unheard of for this long are no longer listed. */
const FORGET_AFTER_MS = 24 * 3_600_000
/** A process's row counts as current while it is this recent (reports come every 2 s). */
const CURRENT_ROW_MS = 10_000
const READ_EVERY_MS = 2000

type Row = [string, number, string, string | null, string | null, number | string | null, number | null]

export class SourceHealthReader {
  private cached: { at: number; value: Promise<SourcesNow> } | null = null

  constructor(
    private readonly client: ClickHouseClient,
    private readonly staleAfterMs: number,
  ) {}

  /** The sources' state at `now`, at most one report interval old; a failed read is tried again next time. */
  read(now: number): Promise<SourcesNow> {
    if (this.cached && now - this.cached.at < READ_EVERY_MS && now >= this.cached.at) return this.cached.value
    const value = this.query(now)
    const entry = { at: now, value }
    this.cached = entry
    value.catch(() => {
      if (this.cached === entry) this.cached = null
    })
    return value
  }

  private async query(now: number): Promise<SourcesNow> {
    const result = await this.client.query({
      // The latest report of each process and source (argMax by the
      // process's report sequence; of a tuple, because argMax skips the rows
      // whose value is NULL, and a NULL is news here; not FINAL: FINAL
      // also applies the table's TTL while reading, which drops the rows of a
      // clock that is not today's, as in tests), then per source.
      query: `SELECT source, max(polling), max(last_active_at), max(newest_event_at),
          minIfOrNull(oldest_pending_at, reported >= {current:DateTime64(3, 'UTC')}),
          sumIfOrNull(lag_messages, reported >= {current:DateTime64(3, 'UTC')} AND lag_messages IS NOT NULL),
          minIfOrNull(loading_progress, reported >= {current:DateTime64(3, 'UTC')})
        FROM (
          SELECT source, instance, max(reported_at) AS reported,
            argMax(polling, seq) AS polling, argMax(last_active_at, seq) AS last_active_at,
            argMax(tuple(newest_event_at), seq).1 AS newest_event_at, argMax(tuple(oldest_pending_at), seq).1 AS oldest_pending_at,
            argMax(tuple(lag_messages), seq).1 AS lag_messages, argMax(tuple(loading_progress), seq).1 AS loading_progress
          FROM ingest_sources
          WHERE reported_at >= {since:DateTime64(3, 'UTC')}
          GROUP BY source, instance
        )
        GROUP BY source
        ORDER BY source`,
      query_params: { since: chTime(now - FORGET_AFTER_MS), current: chTime(now - CURRENT_ROW_MS) },
      // -OrNull: no matching row gives NULL, not a default value. (Not the
      // setting aggregate_functions_null_for_empty: the embedded engine keeps
      // a query's settings for the queries after it, materialized views included.)
      format: 'JSONCompactEachRow',
    })
    const rows = await result.json<Row>()
    const sources = rows.map(([source, polling, active, newest, pending, lag]) => this.judge(now, source, Number(polling) === 1, active, newest, pending, lag))
    const loadingRows = rows.filter((r) => r[6] !== null)
    const loading = loadingRows.length === 0 ? null : { source: loadingRows[0][0], progress: Math.min(...loadingRows.map((r) => Number(r[6]))) }
    return { sources, loading }
  }

  private judge(now: number, source: string, polling: boolean, active: string, newest: string | null, pending: string | null, lag: number | string | null): SourceHealth {
    const lastActive = msFromCh(active) ?? 0
    const newestMs = msFromCh(newest)
    const pendingSince = msFromCh(pending)
    const lagMessages = lag === null ? null : Number(lag)
    const old = (ms: number | null) => ms !== null && now - ms > this.staleAfterMs
    const state: SourceHealth['state'] =
      now - lastActive > this.staleAfterMs
        ? 'silent'
        : old(pendingSince) || (lagMessages !== null && lagMessages > 0 && (newestMs === null || old(newestMs)))
          ? 'behind'
          : 'live'
    return {
      source,
      polling,
      state,
      last_active_at: new Date(lastActive).toISOString(),
      newest_event_at: newestMs === null ? null : new Date(newestMs).toISOString(),
      lag_messages: lagMessages,
    }
  }
}

/**
 * Why a snapshot is stale, judged from its sources, or null. Polling
 * sources tell a quiet hour from a stopped flow; with none (only HTTP
 * intake or file replays, or no source reporting at all) the newest event's
 * age is all there is to go by.
 */
export function staleReason(
  now: number,
  staleAfterMs: number,
  watermark: string | null,
  { sources, loading }: SourcesNow,
): { reason: string; since: string } | null {
  const at = (ms: number) => new Date(ms).toISOString()
  if (loading) return { reason: `history is still loading (${Math.floor(loading.progress * 100)}%, ${loading.source})`, since: at(now) }
  const polling = sources.filter((s) => s.polling)
  if (polling.length > 0) {
    const behind = polling.filter((s) => s.state === 'behind')
    if (behind.length > 0) {
      const s = behind[0]
      const detail = s.lag_messages ? `${s.lag_messages} messages wait in Kafka` : 'events wait to be stored'
      return { reason: `ingest is behind: ${s.source}: ${detail}`, since: at(now) }
    }
    if (polling.every((s) => s.state === 'silent')) {
      const last = Math.max(...polling.map((s) => Date.parse(s.last_active_at)))
      const names = polling.map((s) => s.source).join(', ')
      return { reason: `no data flows: ${names} silent for more than ${staleAfterMs / 1000} s`, since: at(last + staleAfterMs) }
    }
    return null
  }
  if (watermark === null) return null
  const staleAt = Date.parse(watermark) + staleAfterMs
  if (now <= staleAt) return null
  return { reason: `no new events for more than ${staleAfterMs / 1000} s (newest at ${watermark})`, since: at(staleAt) }
}
