// Silences: quiet windows a lead sets for planned work (DOMAIN.md §3). An
// alert whose labels have every matcher's value while a silence is active
// is flagged `silenced`: still recorded and shown, just not pushed. Kept in
// the store (migration 002) and in memory, where the engine checks them
// every tick; ending one early (DELETE) sets its end to that moment.
import { randomUUID } from 'node:crypto'
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { Silence } from '../../../schemas/alerts.ts'

interface SilenceRecord {
  id: string
  matchers: Record<string, string>
  starts_at: number
  ends_at: number
  comment: string
  created_by: string
  created_at: number
}

export interface NewSilence {
  matchers: Record<string, string>
  starts_at: number
  ends_at: number
  comment: string
  created_by: string
}

type SilenceRow = Omit<SilenceRecord, 'starts_at' | 'ends_at' | 'created_at'> & { starts_at: Date; ends_at: Date; created_at: Date }

/** Expired silences stay listed this long, so a lead sees what just ended. */
const LISTED_AFTER_END_MS = 24 * 3_600_000

export class SilenceBook {
  private silences: SilenceRecord[] = []

  constructor(private readonly db: StoreQueryable) {}

  async load(now: number): Promise<void> {
    const rows = await this.db.query<SilenceRow>(
      'SELECT id, matchers, starts_at, ends_at, comment, created_by, created_at FROM silences WHERE ends_at > $1 ORDER BY created_at',
      [new Date(now - LISTED_AFTER_END_MS)],
    )
    this.silences = rows.map((r) => ({ ...r, starts_at: r.starts_at.getTime(), ends_at: r.ends_at.getTime(), created_at: r.created_at.getTime() }))
  }

  /** Whether an alert with these labels is silenced at `at`. */
  covers(labels: Record<string, string>, at: number): boolean {
    return this.silences.some((s) => s.starts_at <= at && at < s.ends_at && Object.entries(s.matchers).every(([k, v]) => labels[k] === v))
  }

  list(now: number): Silence[] {
    return this.silences.filter((s) => s.ends_at > now - LISTED_AFTER_END_MS).map((s) => viewOf(s, now))
  }

  async add(s: NewSilence, now: number): Promise<Silence> {
    const record: SilenceRecord = { id: randomUUID(), created_at: now, ...s }
    await this.db.query(
      'INSERT INTO silences (id, matchers, starts_at, ends_at, comment, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [record.id, record.matchers, new Date(record.starts_at), new Date(record.ends_at), record.comment, record.created_by, new Date(now)],
    )
    this.silences.push(record)
    return viewOf(record, now)
  }

  /** Ends a silence now; undefined when there is none with this id. An already ended one stays as it was. */
  async expire(id: string, by: string, now: number): Promise<Silence | undefined> {
    const record = this.silences.find((s) => s.id === id)
    if (record === undefined) return undefined
    if (record.ends_at <= now) return viewOf(record, now)
    const ends = Math.max(now, record.starts_at)
    await this.db.query('UPDATE silences SET ends_at = $2, expired_by = $3, expired_at = $4 WHERE id = $1', [id, new Date(ends), by, new Date(now)])
    record.ends_at = ends
    return viewOf(record, now)
  }
}

function viewOf(s: SilenceRecord, now: number): Silence {
  return {
    id: s.id,
    matchers: s.matchers,
    starts_at: new Date(s.starts_at).toISOString(),
    ends_at: new Date(s.ends_at).toISOString(),
    comment: s.comment,
    created_by: s.created_by,
    created_at: new Date(s.created_at).toISOString(),
    state: now < s.starts_at ? 'pending' : now < s.ends_at ? 'active' : 'expired',
  }
}
