// Bulletins in the operational store (schemas/pg-migrations/009_bulletins.sql):
// inserted once per kind and period (the insert that loses the race inserts
// nothing), read back whole or as a list, and marked pushed.
import type { Store } from '../../core/store/store.ts'
import { summaryOf, type Bulletin, type BulletinKind, type BulletinSummary } from '../../schemas/bulletins.ts'

interface Row {
  figures: Bulletin
  pushed_at: Date | null
  pushed_to: string[] | null
}

const bulletinOf = (r: Row): Bulletin => ({ ...r.figures, pushed: r.pushed_at === null ? null : { at: r.pushed_at.toISOString(), receivers: r.pushed_to ?? [] } })

export class BulletinStore {
  constructor(private readonly db: Store) {}

  /** Keeps a bulletin; false when one of its kind and period exists (nothing is written then). */
  async insert(b: Bulletin, push: boolean): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO bulletins (id, kind, period_start, period_end, generated_at, generated_by, figures, push)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [b.id, b.kind, b.period_start, b.period_end, new Date(b.generated_at), b.generated_by, b, push],
    )
    return rows.length === 1
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM bulletins WHERE id = $1`, [id])).length === 1
  }

  async get(id: string): Promise<Bulletin | null> {
    const [row] = await this.db.query<Row & Record<string, unknown>>(`SELECT figures, pushed_at, pushed_to FROM bulletins WHERE id = $1`, [id])
    return row ? bulletinOf(row) : null
  }

  /** The latest first (by period), at most `limit`. */
  async list(kind: BulletinKind | undefined, limit: number): Promise<BulletinSummary[]> {
    const rows = await this.db.query<Row & Record<string, unknown>>(
      `SELECT figures, pushed_at, pushed_to FROM bulletins WHERE ($1::text IS NULL OR kind = $1) ORDER BY period_start DESC, kind LIMIT $2`,
      [kind ?? null, limit],
    )
    return rows.map((r) => summaryOf(bulletinOf(r)))
  }

  /** Scheduled bulletins whose push has not gone yet (a process stopped between the insert and the push). */
  async unpushed(): Promise<Bulletin[]> {
    const rows = await this.db.query<Row & Record<string, unknown>>(`SELECT figures, pushed_at, pushed_to FROM bulletins WHERE push AND pushed_at IS NULL ORDER BY generated_at`)
    return rows.map(bulletinOf)
  }

  async markPushed(id: string, at: Date, receivers: string[]): Promise<void> {
    await this.db.query(`UPDATE bulletins SET pushed_at = $2, pushed_to = $3 WHERE id = $1 AND pushed_at IS NULL`, [id, at, receivers])
  }
}
