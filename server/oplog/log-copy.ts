// The operations log's append-only copy in ClickHouse (its migration 013),
// for analysis beside the events, every few seconds: core/store/copy-by-id.ts
// copies, as it does the audit log and the alert transitions.
import type { ClickHouseClient } from '@clickhouse/client'
import { CopyById } from '../../core/store/copy-by-id.ts'
import type { StoreQueryable } from '../../core/store/store.ts'
import { chTime } from '../../core/time-format.ts'

type Row = {
  id: number
  at: Date
  category: string
  text: string
  target_type: string | null
  target_id: string | null
  author: string
  author_name: string
  kind: string | null
  notable: boolean
}

export type LogCopy = CopyById<Row>

export const logCopy = (db: StoreQueryable, clickhouse: ClickHouseClient, logger: { warn(obj: object, msg: string): void }) =>
  new CopyById<Row>(
    {
      table: 'operations_log',
      read: (store, afterId, limit) =>
        store.query<Row>(
          `SELECT id, at, category, text, target_type, target_id, author, author_name, kind, notable FROM operations_log WHERE id > $1 ORDER BY id LIMIT $2`,
          [afterId, limit],
        ),
      toClickHouse: (r) => ({ ...r, at: chTime(r.at.getTime()), target_type: r.target_type ?? '', target_id: r.target_id ?? '', kind: r.kind ?? '' }),
      failure: 'operations log: copying to ClickHouse failed; the log is safe in the store, the copy will catch up',
    },
    db,
    clickhouse,
    logger,
  )
