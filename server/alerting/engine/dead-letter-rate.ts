// The rate of dead letters for `data` rules (dead_letter_rate): dead letters
// a minute over the last 5 minutes, of each source and of all, read from
// ClickHouse at most every 30 seconds and in the background (a rule reads
// the last figure; a tick never waits on a query). Null until first read.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../../core/time-format.ts'

const SPAN_MS = 5 * 60_000
const READ_EVERY_MS = 30_000

export class DeadLetterRate {
  private perSource: Map<string, number> | null = null
  private readAt = -Infinity
  private reading = false

  constructor(
    private readonly client: ClickHouseClient,
    private readonly logger: { warn(obj: object, msg: string): void },
  ) {}

  /** Dead letters a minute of one source, or of all (null); starts a new read when the last is old. */
  perMinute(source: string | null, now: number): number | null {
    if (now - this.readAt >= READ_EVERY_MS && !this.reading) void this.read(now)
    if (this.perSource === null) return null
    if (source !== null) return this.perSource.get(source) ?? 0
    let all = 0
    for (const n of this.perSource.values()) all += n
    return all
  }

  private async read(now: number): Promise<void> {
    this.reading = true
    try {
      const result = await this.client.query({
        query: `SELECT source, count() AS n FROM dead_letters
                WHERE received_at > {since:DateTime64(3, 'UTC')} AND received_at <= {now:DateTime64(3, 'UTC')} GROUP BY source`,
        query_params: { since: chTime(now - SPAN_MS), now: chTime(now) },
        format: 'JSONEachRow',
      })
      const rows = await result.json<{ source: string; n: number | string }>()
      this.perSource = new Map(rows.map((r) => [r.source, Number(r.n) / (SPAN_MS / 60_000)]))
      this.readAt = now
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'alerts: reading the dead-letter rate failed; dead_letter_rate rules keep their last figure')
    } finally {
      this.reading = false
    }
  }
}
