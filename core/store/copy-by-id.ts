// The append-only copy of one operational-store table in ClickHouse (the
// audit log, alert transitions, the operations log): the store keeps the
// record; this copies, in order of id, what ClickHouse lacks. After a
// restart it picks up from the last id ClickHouse has, and a row copied
// twice replaces itself (each target is a ReplacingMergeTree by id), so the
// copy ends up whole and single. A failure is logged once per streak and
// caught up by the next copy; copyNow never rejects.
import type { ClickHouseClient } from '@clickhouse/client'
import type { StoreQueryable } from './store.ts'

const BATCH = 5_000
/** How often start() copies: a few seconds behind the record. */
const COPY_EVERY_MS = 2_000

export interface CopyOf<Row extends { id: number }> {
  /** The ClickHouse table the rows go to. */
  table: string
  /** Up to `limit` rows with an id above `afterId`, in order of id. */
  read(db: StoreQueryable, afterId: number, limit: number): Promise<Row[]>
  /** A row as ClickHouse takes it (times in its format, no nulls where it has none). */
  toClickHouse(row: Row): Record<string, unknown>
  /** The warning logged when a copy fails (the record is safe in the store). */
  failure: string
}

export class CopyById<Row extends { id: number }> {
  private copied: number | null = null
  private timer: NodeJS.Timeout | undefined
  private copying: Promise<void> = Promise.resolve()
  private failing = false

  constructor(
    private readonly spec: CopyOf<Row>,
    private readonly db: StoreQueryable,
    private readonly clickhouse: ClickHouseClient,
    private readonly logger: { warn(obj: object, msg: string): void },
  ) {}

  /** Copies every few seconds until stop(). */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.copyNow(), COPY_EVERY_MS)
    this.timer.unref()
  }

  /** Stops the timer after one last copy. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.copyNow()
  }

  /** Copies what ClickHouse does not have yet; resolves when done (or failed). */
  copyNow(): Promise<void> {
    this.copying = this.copying.then(() => this.copy())
    return this.copying
  }

  private async copy(): Promise<void> {
    const { table } = this.spec
    try {
      if (this.copied === null) {
        const result = await this.clickhouse.query({ query: `SELECT max(id) FROM ${table}`, format: 'JSONCompactEachRow' })
        const [[max]] = await result.json<[number | string]>()
        this.copied = Number(max)
      }
      for (;;) {
        const rows = await this.spec.read(this.db, this.copied, BATCH)
        if (rows.length === 0) break
        await this.clickhouse.insert({ table, values: rows.map((r) => this.spec.toClickHouse(r)), format: 'JSONEachRow' })
        this.copied = rows[rows.length - 1].id
        if (rows.length < BATCH) break
      }
      this.failing = false
    } catch (err) {
      if (!this.failing) this.logger.warn({ err: (err as Error).message }, this.spec.failure)
      this.failing = true
    }
  }
}
