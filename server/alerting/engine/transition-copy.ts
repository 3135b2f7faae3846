// The append-only copy of alert transitions in ClickHouse (migration 011),
// for the bulletins' figures: time to acknowledge and to resolve, alerts per
// rule, region and severity. The store's history is the record;
// core/store/copy-by-id.ts copies what ClickHouse lacks after each write of
// the engine (and on start, which catches up after a restart or a failed copy).
import type { ClickHouseClient } from '@clickhouse/client'
import { CopyById } from '../../../core/store/copy-by-id.ts'
import type { StoreQueryable } from '../../../core/store/store.ts'
import { chTime } from '../../../core/time-format.ts'

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

export type TransitionCopy = CopyById<TransitionRow>

export const transitionCopy = (db: StoreQueryable, clickhouse: ClickHouseClient, logger: { warn(obj: object, msg: string): void }): TransitionCopy =>
  new CopyById<TransitionRow>(
    {
      table: 'alert_transitions',
      read: (store, afterId, limit) =>
        store.query<TransitionRow>(
          `SELECT h.id, h.at, h.alert_id, a.fingerprint, a.rule_id, a.rule_kind, a.severity, a.labels->>'region' AS region,
                  h.kind AS transition, h.actor, h.comment, (h.detail->>'value')::double precision AS value, h.detail
           FROM alert_history h JOIN alerts a ON a.id = h.alert_id
           WHERE h.id > $1 ORDER BY h.id LIMIT $2`,
          [afterId, limit],
        ),
      toClickHouse: (r) => ({ ...r, at: chTime(r.at.getTime()), region: r.region ?? '', comment: r.comment ?? '', detail: JSON.stringify(r.detail) }),
      failure: 'alerts: copying transitions to ClickHouse failed; the history is safe in the store, the copy will catch up',
    },
    db,
    clickhouse,
    logger,
  )
