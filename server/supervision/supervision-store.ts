// Supervision orders and their history in the operational store (PostgreSQL,
// migration 006): the rows and the few statements that change them. Every
// change of an order goes with a step in its history, in one transaction.
import type { SupervisionOutcome, SupervisionTargetType } from '../../schemas/events.ts'
import type { Store, StoreQueryable } from '../../core/store/store.ts'
import type { StepName, SupervisionStateName } from '../../schemas/supervision.ts'


export interface Supervision {
  id: string
  target_type: SupervisionTargetType
  target_id: string
  region: string
  team: string
  reason: string
  action: string
  state: SupervisionStateName
  round: number
  issued_by: string
  created_at: Date
  issued_at: Date
  due_at: Date
  received_at: Date | null
  replied_at: Date | null
  reply: string | null
  reminded_at: Date | null
  alerted_at: Date | null
  outcome: SupervisionOutcome | null
  closed_at: Date | null
}


export interface Step {
  at: Date
  step: StepName
  by: string | null
  detail: Record<string, unknown>
}

export interface ListFilter {
  state?: SupervisionStateName
  team?: string
  region?: string
  /** true: unanswered past the deadline at this instant; false: not. */
  overdue?: { at: Date; value: boolean }
  /** Created (first issued) at or after `since` and before `until`: a period's orders, as a bulletin counts them. */
  since?: Date
  until?: Date
  limit: number
  offset?: number
}

const OPEN = `state IN ('issued', 'received')`

export class SupervisionStore {
  constructor(readonly db: Store) {}

  async insert(tx: StoreQueryable, o: Supervision): Promise<void> {
    await tx.query(
      `INSERT INTO supervisions (id, target_type, target_id, region, team, reason, action, state, round, issued_by, created_at, issued_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [o.id, o.target_type, o.target_id, o.region, o.team, o.reason, o.action, o.state, o.round, o.issued_by, o.created_at, o.issued_at, o.due_at],
    )
  }

  /** Adds a step; false when it carries an event id applied before (nothing is added then). */
  async step(tx: StoreQueryable, id: string, step: Step, event?: { id: string; inboxAt: Date }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO supervision_history (supervision_id, at, step, by, detail, event_id, inbox_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING RETURNING id`,
      [id, step.at, step.step, step.by, step.detail, event?.id ?? null, event?.inboxAt ?? null],
    )
    return rows.length === 1
  }

  async get(id: string, db: StoreQueryable = this.db): Promise<Supervision | null> {
    const [row] = await db.query<Supervision & Record<string, unknown>>(`SELECT * FROM supervisions WHERE id = $1`, [id])
    return row ?? null
  }

  /** The order locked for an update in this transaction. */
  async lock(tx: StoreQueryable, id: string): Promise<Supervision | null> {
    const [row] = await tx.query<Supervision & Record<string, unknown>>(`SELECT * FROM supervisions WHERE id = $1 FOR UPDATE`, [id])
    return row ?? null
  }

  async history(id: string): Promise<Step[]> {
    return this.db.query<Step & Record<string, unknown>>(
      `SELECT at, step, by, detail FROM supervision_history WHERE supervision_id = $1 ORDER BY at, id`,
      [id],
    )
  }

  /** A page of orders matching the filter, newest first, with how many match over all pages. */
  async list(f: ListFilter): Promise<{ items: Supervision[]; total: number }> {
    const where: string[] = []
    const params: unknown[] = []
    const add = (sql: string, value: unknown) => {
      params.push(value)
      where.push(sql.replace('?', `$${params.length}`))
    }
    if (f.state) add('state = ?', f.state)
    if (f.team) add('team = ?', f.team)
    if (f.region) add('region = ?', f.region)
    if (f.since) add('created_at >= ?', f.since)
    if (f.until) add('created_at < ?', f.until)
    if (f.overdue) add(f.overdue.value ? `(${OPEN} AND due_at < ?)` : `NOT (${OPEN} AND due_at < ?)`, f.overdue.at)
    params.push(f.limit, f.offset ?? 0)
    const rows = await this.db.query<Supervision & { total: number } & Record<string, unknown>>(
      `SELECT *, (count(*) OVER ())::int AS total FROM supervisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )
    // An offset past the end has no row to carry the total: count it alone then.
    const total = rows[0]?.total ?? (f.offset ? (await this.list({ ...f, limit: 1, offset: 0 })).total : 0)
    return { items: rows.map(({ total: _, ...o }) => o as Supervision), total }
  }

  /** Open orders whose deadline is at or before `before` and that are not yet marked `column`. */
  async unanswered(column: 'reminded_at' | 'alerted_at', before: Date): Promise<Supervision[]> {
    return this.db.query<Supervision & Record<string, unknown>>(
      `SELECT * FROM supervisions WHERE ${OPEN} AND due_at <= $1 AND ${column} IS NULL ORDER BY due_at, id`,
      [before],
    )
  }

  /** Open orders the shift lead was alerted about: the alerts a restart must keep. */
  async alertedOpen(): Promise<Supervision[]> {
    return this.db.query<Supervision & Record<string, unknown>>(`SELECT * FROM supervisions WHERE ${OPEN} AND alerted_at IS NOT NULL ORDER BY alerted_at, id`)
  }

  async update(tx: StoreQueryable, id: string, changes: Partial<Omit<Supervision, 'id'>>): Promise<void> {
    const entries = Object.entries(changes)
    await tx.query(
      `UPDATE supervisions SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...entries.map(([, v]) => v as unknown)],
    )
  }

  /** Where the last read of the teams' answers got to: their inbox's stored_at. */
  async inboxCursor(): Promise<Date | null> {
    const [row] = await this.db.query<{ at: Date | null }>(`SELECT max(inbox_at) AS at FROM supervision_history`)
    return row?.at ?? null
  }
}
