// Reads the teams' answers (supervision.received / replied) that ingest
// stored in ClickHouse's supervision_inbox (migration 012) and hands them to
// the service in the order they were stored. The read starts a little before
// where the last one stopped, because rows of batches stored at nearly the
// same moment can become visible out of order; answers read twice are
// applied once (their event id is unique in the order's history). Pages go
// by (stored_at, event_id), so a burst of answers stored in one instant is
// read whole.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'
import type { Answer } from './supervision-service.ts'

const OVERLAP_MS = 10_000
const BATCH = 1000
const NO_ID = '00000000-0000-0000-0000-000000000000'

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

  /** Every answer stored since the cursor, oldest first, a page at a time; moves the cursor past them. */
  async read(): Promise<Answer[]> {
    const answers: Answer[] = []
    let after = { at: this.cursor === null ? 0 : this.cursor - OVERLAP_MS, id: NO_ID }
    for (;;) {
      const result = await this.client.query({
        query: `SELECT stored_at, event_id, type, supervision_id, occurred_at, source, by, reply FROM supervision_inbox
                WHERE (stored_at, event_id) > ({at:DateTime64(3, 'UTC')}, {id:UUID})
                ORDER BY stored_at, event_id LIMIT {limit:UInt32}`,
        query_params: { at: chTime(after.at), id: after.id, limit: BATCH },
        format: 'JSONEachRow',
      })
      const rows = await result.json<Row>()
      for (const r of rows) answers.push({ ...r, stored_at: new Date(msFromCh(r.stored_at)!), occurred_at: new Date(msFromCh(r.occurred_at)!) })
      const last = answers.at(-1)
      if (last) after = { at: last.stored_at.getTime(), id: last.event_id }
      if (rows.length < BATCH) break
    }
    if (answers.length > 0) this.cursor = Math.max(this.cursor ?? 0, after.at)
    return answers
  }
}
