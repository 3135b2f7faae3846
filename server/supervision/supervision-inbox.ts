// Reads the teams' answers (supervision.received / replied) that ingest
// stored in ClickHouse's supervision_inbox (migration 012) and hands them to
// the service in the order they were stored. The read starts a little before
// where the last one stopped, because rows of batches stored at nearly the
// same moment can become visible out of order; answers read twice are
// applied once (their event id is unique in the order's history).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'
import type { Answer } from './supervision-service.ts'

const OVERLAP_MS = 10_000
const BATCH = 1000

type Row = { stored_at: string; event_id: string; type: Answer['type']; supervision_id: string; occurred_at: string; source: string; by: string; reply: string }

export class SupervisionInbox {
  private cursor: number | null

  constructor(
    private readonly client: ClickHouseClient,
    /** Where the last run got to (the store's record), or null to read from the start. */
    start: Date | null,
  ) {
    this.cursor = start?.getTime() ?? null
  }

  /** Every answer stored since the cursor, oldest first; moves the cursor past them. */
  async read(): Promise<Answer[]> {
    const from = this.cursor === null ? 0 : this.cursor - OVERLAP_MS
    const result = await this.client.query({
      query: `SELECT stored_at, event_id, type, supervision_id, occurred_at, source, by, reply FROM supervision_inbox
              WHERE stored_at >= {from:DateTime64(3, 'UTC')} ORDER BY stored_at, event_id LIMIT {limit:UInt32}`,
      query_params: { from: chTime(from), limit: BATCH },
      format: 'JSONEachRow',
    })
    const rows = await result.json<Row>()
    const answers = rows.map((r) => ({ ...r, stored_at: new Date(msFromCh(r.stored_at)!), occurred_at: new Date(msFromCh(r.occurred_at)!) }))
    const last = answers.at(-1)
    if (last) this.cursor = Math.max(this.cursor ?? 0, last.stored_at.getTime())
    return answers
  }
}
