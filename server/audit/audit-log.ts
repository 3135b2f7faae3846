// The audit record (DOMAIN.md §5): every action, allowed or denied, with
// who, role, what, target, when (UTC), from where and the outcome. Written to
// the operational store (the record), and copied, in order of id, to
// ClickHouse for analysis a few seconds later; the copy picks up from the
// last row ClickHouse has after a restart, and copying a row twice replaces
// it (migration 010), so the copy ends up whole and single.
import type { ClickHouseClient } from '@clickhouse/client'
import { CopyById } from '../../core/store/copy-by-id.ts'
import { chTime } from '../../core/time-format.ts'
import type { StoreQueryable } from '../../core/store/store.ts'
import { actorOf, type Principal } from '../access/access.ts'

export type Outcome = 'allowed' | 'denied' | 'failed'

export interface AuditEntry {
  /** Who: a principal, or a name when nobody is signed in (a failed sign-in names the account tried). */
  who: Principal | null | { actor: string; role: string }
  action: string
  target?: string
  address: string
  outcome: Outcome
  detail?: Record<string, unknown>
}

export type AuditRow = {
  id: number
  at: Date
  actor: string
  role: string
  action: string
  target: string
  address: string
  outcome: Outcome
  detail: Record<string, unknown>
}

export interface AuditQuery {
  actor?: string
  action?: string
  since?: Date
  until?: Date
  limit: number
  offset: number
}

export interface AuditLogger {
  warn(obj: object, msg: string): void
}

export class AuditLog {
  /** The copy into ClickHouse; none for a command-line tool that only writes the record. */
  private readonly copy: CopyById<AuditRow> | null

  constructor(
    private readonly db: StoreQueryable,
    /** Where the copy goes; a command-line tool that only writes the record passes null (the server copies later). */
    clickhouse: ClickHouseClient | null,
    private readonly now: () => Date,
    logger: AuditLogger,
  ) {
    this.copy =
      clickhouse &&
      new CopyById<AuditRow>(
        {
          table: 'audit_log',
          read: (store, afterId, limit) =>
            store.query<AuditRow>('SELECT id, at, actor, role, action, target, address, outcome, detail FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]),
          toClickHouse: (r) => ({ ...r, at: chTime(r.at.getTime()), detail: JSON.stringify(r.detail) }),
          failure: 'audit: copying to ClickHouse failed; the record is safe in the store, the copy will catch up',
        },
        db,
        clickhouse,
        logger,
      )
  }

  /** Writes one entry; `db` may be a transaction, so the record commits with what it records. */
  async record(entry: AuditEntry, db: StoreQueryable = this.db): Promise<void> {
    const who = entry.who !== null && 'actor' in entry.who ? entry.who : actorOf(entry.who)
    await db.query(
      `INSERT INTO audit_log (at, actor, role, action, target, address, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [this.now(), who.actor.slice(0, 200), who.role, entry.action, (entry.target ?? '').slice(0, 300), entry.address.slice(0, 100), entry.outcome, entry.detail ?? {}],
    )
  }

  async search(q: AuditQuery): Promise<{ total: number; items: AuditRow[] }> {
    const where: string[] = []
    const params: unknown[] = []
    const add = (condition: string, value: unknown) => {
      params.push(value)
      where.push(condition.replace('?', `$${params.length}`))
    }
    if (q.actor !== undefined) add('actor = ?', q.actor)
    if (q.action !== undefined) add('action = ?', q.action)
    if (q.since !== undefined) add('at >= ?', q.since)
    if (q.until !== undefined) add('at < ?', q.until)
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const [count] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params)
    const items = await this.db.query<AuditRow>(
      `SELECT id, at, actor, role, action, target, address, outcome, detail FROM audit_log ${clause}
       ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    )
    return { total: count.n, items }
  }

  /** Copies to ClickHouse every few seconds until stop(). */
  startCopying(): void {
    this.copy?.start()
  }

  async stop(): Promise<void> {
    await this.copy?.stop()
  }

  /** Copies what ClickHouse does not have yet; resolves when done (or failed, which is logged once per streak). */
  async copyNow(): Promise<void> {
    await this.copy?.copyNow()
  }
}
