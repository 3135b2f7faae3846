// The operations log's append-only copy in ClickHouse (its migration 013),
// for analysis beside the events: every few seconds the entries written
// since the last copy, in order of id; after a restart it picks up from the
// last id ClickHouse has, and copying a row twice replaces it (a
// ReplacingMergeTree keyed by id), so the copy ends up whole and single, as
// the audit log's copy does.
import type { ClickHouseClient } from '@clickhouse/client'
import type { StoreQueryable } from '../../core/store/store.ts'
import { chTime } from '../../core/time-format.ts'

const COPY_EVERY_MS = 2_000
const COPY_BATCH = 5_000

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

export class LogCopy {
  private copied: number | null = null
  private timer: NodeJS.Timeout | undefined
  private copying: Promise<void> = Promise.resolve()
  private failing = false

  constructor(
    private readonly db: StoreQueryable,
    private readonly clickhouse: ClickHouseClient,
    private readonly logger: { warn(obj: object, msg: string): void },
  ) {}

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.copyNow(), COPY_EVERY_MS)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.copyNow()
  }

  /** Copies what ClickHouse does not have yet; resolves when done (or failed, which is logged once per streak). */
  copyNow(): Promise<void> {
    this.copying = this.copying.then(() => this.copy())
    return this.copying
  }

  private async copy(): Promise<void> {
    try {
      if (this.copied === null) {
        const result = await this.clickhouse.query({ query: 'SELECT max(id) FROM operations_log', format: 'JSONCompactEachRow' })
        const [[max]] = await result.json<[number | string]>()
        this.copied = Number(max)
      }
      for (;;) {
        const rows: Row[] = await this.db.query<Row>(
          `SELECT id, at, category, text, target_type, target_id, author, author_name, kind, notable FROM operations_log WHERE id > $1 ORDER BY id LIMIT $2`,
          [this.copied, COPY_BATCH],
        )
        if (rows.length === 0) break
        await this.clickhouse.insert({
          table: 'operations_log',
          values: rows.map((r) => ({ ...r, at: chTime(r.at.getTime()), target_type: r.target_type ?? '', target_id: r.target_id ?? '', kind: r.kind ?? '' })),
          format: 'JSONEachRow',
        })
        this.copied = rows[rows.length - 1].id
        if (rows.length < COPY_BATCH) break
      }
      this.failing = false
    } catch (err) {
      if (!this.failing) this.logger.warn({ err: (err as Error).message }, 'operations log: copying to ClickHouse failed; the log is safe in the store, the copy will catch up')
      this.failing = true
    }
  }
}
