// Handover records in the operational store (PostgreSQL, migration 008): one
// per shift, written when the outgoing lead hands over (again, before the
// confirmation, replaces it), confirmed once by the incoming lead and frozen
// from then on (the table's trigger refuses any later change).
import type { Store, StoreQueryable } from '../../core/store/store.ts'
import type { Handover, HandoverContent } from '../../schemas/handover.ts'

type Row = {
  id: string
  shift_date: string
  shift_id: string
  shift_name: string
  period_from: Date
  period_to: Date
  boundary_at: Date
  team: string | null
  outgoing_lead: string | null
  incoming_team: string | null
  incoming_lead: string | null
  notes: string
  content: HandoverContent
  handed_over_by: string
  handed_over_name: string
  handed_over_at: Date
  confirmed_by: string | null
  confirmed_name: string | null
  confirmed_at: Date | null
}

export type HandoverWrite = Omit<Row, 'confirmed_by' | 'confirmed_name' | 'confirmed_at'>

const COLUMNS = `id, shift_date::text AS shift_date, shift_id, shift_name, period_from, period_to, boundary_at, team, outgoing_lead, incoming_team,
  incoming_lead, notes, content, handed_over_by, handed_over_name, handed_over_at, confirmed_by, confirmed_name, confirmed_at`

export function handoverOf(r: Row): Handover {
  return {
    id: r.id,
    shift: r.content.shift,
    period: { from: r.period_from.toISOString(), to: r.period_to.toISOString() },
    boundary_at: r.boundary_at.toISOString(),
    team: r.team,
    outgoing_lead: r.outgoing_lead,
    incoming_team: r.incoming_team,
    incoming_lead: r.incoming_lead,
    notes: r.notes,
    content: r.content,
    handed_over: { by: r.handed_over_by, name: r.handed_over_name, at: r.handed_over_at.toISOString() },
    confirmed: r.confirmed_by === null || r.confirmed_at === null ? null : { by: r.confirmed_by, name: r.confirmed_name ?? r.confirmed_by, at: r.confirmed_at.toISOString() },
  }
}

export class HandoverStore {
  constructor(readonly db: Store) {}

  async get(id: string, db: StoreQueryable = this.db): Promise<Handover | null> {
    const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM handovers WHERE id = $1`, [id])
    return row ? handoverOf(row) : null
  }

  async ofShift(date: string, shiftId: string, db: StoreQueryable = this.db, lock = false): Promise<Handover | null> {
    const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM handovers WHERE shift_date = $1 AND shift_id = $2${lock ? ' FOR UPDATE' : ''}`, [date, shiftId])
    return row ? handoverOf(row) : null
  }

  async lock(tx: StoreQueryable, id: string): Promise<Handover | null> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM handovers WHERE id = $1 FOR UPDATE`, [id])
    return row ? handoverOf(row) : null
  }

  /** Writes the record of a shift: a new one, or the unconfirmed one of that shift replaced. */
  async write(tx: StoreQueryable, h: HandoverWrite): Promise<Handover> {
    const [row] = await tx.query<Row>(
      `INSERT INTO handovers (id, shift_date, shift_id, shift_name, period_from, period_to, boundary_at, team, outgoing_lead, incoming_team,
         incoming_lead, notes, content, handed_over_by, handed_over_name, handed_over_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (shift_date, shift_id) DO UPDATE SET period_to = EXCLUDED.period_to, notes = EXCLUDED.notes, content = EXCLUDED.content,
         incoming_team = EXCLUDED.incoming_team, incoming_lead = EXCLUDED.incoming_lead,
         handed_over_by = EXCLUDED.handed_over_by, handed_over_name = EXCLUDED.handed_over_name, handed_over_at = EXCLUDED.handed_over_at
       RETURNING ${COLUMNS}`,
      [h.id, h.shift_date, h.shift_id, h.shift_name, h.period_from, h.period_to, h.boundary_at, h.team, h.outgoing_lead, h.incoming_team, h.incoming_lead, h.notes, h.content, h.handed_over_by, h.handed_over_name, h.handed_over_at],
    )
    return handoverOf(row)
  }

  async confirm(tx: StoreQueryable, id: string, by: { username: string; name: string }, at: Date): Promise<Handover> {
    const [row] = await tx.query<Row>(
      `UPDATE handovers SET confirmed_by = $2, confirmed_name = $3, confirmed_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, by.username, by.name, at],
    )
    return handoverOf(row)
  }

  /** Handed over at or after `since`, newest first. */
  async list(since: Date | undefined, limit: number): Promise<Handover[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM handovers ${since ? 'WHERE handed_over_at >= $2' : ''} ORDER BY handed_over_at DESC, id LIMIT $1`,
      since ? [limit, since] : [limit],
    )
    return rows.map(handoverOf)
  }

  /** Whether any shift was ever handed over. */
  async any(): Promise<boolean> {
    const [row] = await this.db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM handovers) AS any`)
    return row?.any ?? false
  }

  /** The shifts with a record whose boundary is at or after `since`: confirmed or not, by shift key. */
  async recent(since: Date): Promise<Map<string, { id: string; confirmed: boolean }>> {
    const rows = await this.db.query<{ key: string; id: string; confirmed: boolean }>(
      `SELECT shift_date::text || '/' || shift_id AS key, id, confirmed_at IS NOT NULL AS confirmed FROM handovers WHERE boundary_at >= $1`,
      [since],
    )
    return new Map(rows.map((r) => [r.key, { id: r.id, confirmed: r.confirmed }]))
  }
}
