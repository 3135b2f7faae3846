// The append-only copy of alert transitions in ClickHouse (migration 011),
// for the bulletins' figures: time to acknowledge and to resolve, alerts per
// rule, region and severity. The store's history is the record; this copies
// what ClickHouse lacks, by the history's id, after each write of the engine
// (and on start, which catches up after a restart or a failed copy). A row
// copied twice replaces itself (ReplacingMergeTree by id).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../../core/time-format.ts'
import type { StoreQueryable } from '../../../core/store/store.ts'

const BATCH = 5_000

type TransitionRow = {
  id: number
  at: Date
  alert_id: string
  fingerprint: string
  rule_id: string
  rule_kind: string
  severity: string
  region: string | null
  transition: string
  actor: string
  comment: string | null
  value: number | null
  detail: Record<string, unknown>
}

export class TransitionCopy {
  private copied: number | null = null
  private copying: Promise<void> = Promise.resolve()
  private failing = false

  constructor(
    private readonly db: StoreQueryable,
    private readonly clickhouse: ClickHouseClient,
    private readonly logger: { warn(obj: object, msg: string): void },
  ) {}

  /** Copies what ClickHouse does not have yet; never rejects (a failure is logged once per streak and caught up later). */
  copyNow(): Promise<void> {
    this.copying = this.copying.then(() => this.copy())
    return this.copying
  }

  private async copy(): Promise<void> {
    try {
      if (this.copied === null) {
        const result = await this.clickhouse.query({ query: 'SELECT max(id) FROM alert_transitions', format: 'JSONCompactEachRow' })
        const [[max]] = await result.json<[number | string]>()
        this.copied = Number(max)
      }
      for (;;) {
        const rows: TransitionRow[] = await this.db.query<TransitionRow>(
          `SELECT h.id, h.at, h.alert_id, a.fingerprint, a.rule_id, a.rule_kind, a.severity, a.labels->>'region' AS region,
                  h.kind AS transition, h.actor, h.comment, (h.detail->>'value')::double precision AS value, h.detail
           FROM alert_history h JOIN alerts a ON a.id = h.alert_id
           WHERE h.id > $1 ORDER BY h.id LIMIT $2`,
          [this.copied, BATCH],
        )
        if (rows.length === 0) break
        await this.clickhouse.insert({
          table: 'alert_transitions',
          values: rows.map((r) => ({ ...r, at: chTime(r.at.getTime()), region: r.region ?? '', comment: r.comment ?? '', detail: JSON.stringify(r.detail) })),
          format: 'JSONEachRow',
        })
        this.copied = rows[rows.length - 1].id
        if (rows.length < BATCH) break
      }
      this.failing = false
    } catch (err) {
      if (!this.failing) this.logger.warn({ err: (err as Error).message }, 'alerts: copying transitions to ClickHouse failed; the history is safe in the store, the copy will catch up')
      this.failing = true
    }
  }
}
