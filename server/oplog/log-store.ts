// The operations log's rows in the operational store (PostgreSQL, migration
// 007): append an entry (a system entry once by its dedup key), and search
// by time, text, category and entity, newest first, a page at a time.
//
// Text search is ILIKE on the entry's text, its entity's id and its author's
// name, every word of the query required: PostgreSQL's full-text parsers do
// not split Chinese into words (to_tsvector('simple', '变电站跳闸停电') is one
// token), and pg_trgm is an extension the migrations do not use. The scan
// reads the rows of the time range asked (the `at` index bounds it).
import type { Store, StoreQueryable } from '../../core/store/store.ts'
import type { LogCategory, LogEntry } from '../../schemas/operations-log.ts'

/** An entry as the API gives it, before it has an id, dated as the store takes it. */
export type NewEntry = Omit<LogEntry, 'id' | 'at'> & {
  at: Date
  /** A system entry's identity: written once, however often it is reported. */
  dedup_key: string | null
}

export interface LogFilter {
  since?: Date
  until?: Date
  /** Words that must all appear (in the text, the entity's id or the author's name), any case. */
  q?: string
  category?: LogCategory
  target_id?: string
  notable?: boolean
  limit: number
  offset: number
}

type Row = Omit<LogEntry, 'at'> & { at: Date }

const COLUMNS = 'id, at, category, text, target_type, target_id, author, author_name, kind, notable'

export const entryOf = (r: Row): LogEntry => ({ ...r, at: r.at.toISOString() })

/** A LIKE pattern that finds `word` anywhere, its wildcards taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The words of a search: split on white space (full-width too), each at most once. */
export const searchWords = (q: string): string[] => [...new Set(q.split(/[\s\u3000]+/).filter(Boolean))]

export class LogStore {
  constructor(private readonly db: Store) {}

  /** Appends an entry; null when its dedup key was written before (nothing is added then). */
  async insert(e: NewEntry, db: StoreQueryable = this.db): Promise<LogEntry | null> {
    const rows = await db.query<Row>(
      `INSERT INTO operations_log (at, category, text, target_type, target_id, author, author_name, kind, notable, dedup_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING ${COLUMNS}`,
      [e.at, e.category, e.text.slice(0, 4000), e.target_type, e.target_id, e.author, e.author_name, e.kind, e.notable, e.dedup_key],
    )
    return rows[0] ? entryOf(rows[0]) : null
  }

  async search(f: LogFilter): Promise<{ total: number; items: LogEntry[] }> {
    const where: string[] = []
    const params: unknown[] = []
    const add = (condition: string, ...values: unknown[]) => {
      let sql = condition
      for (const value of values) {
        params.push(value)
        sql = sql.replace('?', `$${params.length}`)
      }
      where.push(sql)
    }
    if (f.since !== undefined) add('at >= ?', f.since)
    if (f.until !== undefined) add('at < ?', f.until)
    if (f.category !== undefined) add('category = ?', f.category)
    if (f.target_id !== undefined) add('target_id = ?', f.target_id)
    if (f.notable !== undefined) add('notable = ?', f.notable)
    for (const word of searchWords(f.q ?? '')) {
      params.push(containing(word))
      const p = `$${params.length}`
      where.push(`(text ILIKE ${p} OR target_id ILIKE ${p} OR author_name ILIKE ${p} OR author ILIKE ${p})`)
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const [count] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM operations_log ${clause}`, params)
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM operations_log ${clause} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    )
    return { total: count.n, items: rows.map(entryOf) }
  }
}
