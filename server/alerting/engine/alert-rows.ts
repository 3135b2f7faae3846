// Alerts and their history in the operational store (schemas/pg-migrations/
// 002_alerts.sql): records written whole (the state they are in when the
// write runs, so writes in any order end at the latest state), history
// appended in the order it happened, and read back as the engine and the
// API need them. Batches go as JSON parameters of one function call
// (pg-migrations/010), so a storm of 500 alerts is one statement, not a thousand.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { RuleKind, Severity } from '../../../schemas/alerting-config.ts'
import type { AlertHistoryEntry, AlertHistoryKind, AlertState } from '../../../schemas/alerts.ts'
import type { AlertRecord } from './alert-record.ts'

export interface HistoryRow {
  alert: AlertRecord
  at: number
  kind: AlertHistoryKind
  actor: string
  comment: string | null
  detail: Record<string, unknown>
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function rowOf(r: AlertRecord, at: number) {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    rule_id: r.rule_id,
    rule_name: r.rule_name,
    rule_kind: r.kind,
    severity: r.severity,
    scope_key: r.scope_key,
    labels: r.labels,
    state: r.state,
    summary: r.summary,
    value: r.value,
    threshold: r.threshold,
    annotations: r.annotations,
    started_at: iso(r.started_at),
    pending_since: iso(r.pending_since),
    fired_at: iso(r.fired_at),
    resolved_at: iso(r.resolved_at),
    clear_since: iso(r.clear_since),
    acknowledged_by: r.acknowledged?.by ?? null,
    acknowledged_name: r.acknowledged?.display_name ?? null,
    acknowledged_at: iso(r.acknowledged?.at ?? null),
    acknowledged_comment: r.acknowledged?.comment ?? null,
    resolved_by: r.resolved_by?.by ?? null,
    resolved_by_at: iso(r.resolved_by?.at ?? null),
    resolved_comment: r.resolved_by?.comment ?? null,
    silenced: r.silenced,
    inhibited_by: r.inhibited_by,
    escalation_tier: r.escalation.tier,
    escalation_next_at: iso(r.escalation.next_at),
    updated_at: iso(at),
  }
}

// The column list, taken from the row's own keys so the two cannot drift.
const PROBE = { started_at: 0, pending_since: null, fired_at: null, resolved_at: null, clear_since: null, acknowledged: null, resolved_by: null, escalation: { tier: 0, next_at: null } }
export const ALERT_COLUMNS = Object.keys(rowOf(PROBE as unknown as AlertRecord, 0))

/** What one write stores: whole records, the values of stored records whose value is all that moved, history. */
export interface AlertChanges {
  records: Iterable<AlertRecord>
  moved: Iterable<AlertRecord>
  history: readonly HistoryRow[]
}

/**
 * Writes the records as they are now, the moved values, and appends the
 * history in the order given (their ids follow it): one call of
 * alerts_write (pg-migrations/010), whose statements are planned once a session.
 */
export async function writeAlertChanges(db: StoreQueryable, changes: AlertChanges, at: number): Promise<void> {
  const records = [...changes.records].map((r) => rowOf(r, at))
  const moved = [...changes.moved].map((r) => ({ id: r.id, value: r.value, threshold: r.threshold, summary: r.summary, updated_at: iso(at) }))
  const history = changes.history.map((h, ord) => ({ ord, alert_id: h.alert.id, at: iso(h.at), kind: h.kind, actor: h.actor, comment: h.comment, detail: h.detail }))
  if (records.length + moved.length + history.length === 0) return
  await db.query('SELECT alerts_write($1::jsonb, $2::jsonb, $3::jsonb)', [JSON.stringify(records), JSON.stringify(moved), JSON.stringify(history)])
}

type AlertRow = ReturnType<typeof rowOf> & { [K in 'started_at' | 'updated_at']: Date } & {
  [K in 'pending_since' | 'fired_at' | 'resolved_at' | 'clear_since' | 'acknowledged_at' | 'resolved_by_at' | 'escalation_next_at']: Date | null
}

const ms = (d: Date | null) => (d === null ? null : d.getTime())

function recordOf(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    rule_id: row.rule_id,
    rule_name: row.rule_name,
    kind: row.rule_kind as RuleKind,
    severity: row.severity as Severity,
    scope_key: row.scope_key,
    labels: row.labels,
    summary: row.summary,
    value: row.value,
    threshold: row.threshold,
    annotations: row.annotations,
    state: row.state as AlertState,
    started_at: row.started_at.getTime(),
    pending_since: ms(row.pending_since),
    fired_at: ms(row.fired_at),
    resolved_at: ms(row.resolved_at),
    clear_since: ms(row.clear_since),
    acknowledged:
      row.acknowledged_by === null
        ? null
        : { by: row.acknowledged_by, display_name: row.acknowledged_name ?? row.acknowledged_by, at: row.acknowledged_at!.getTime(), comment: row.acknowledged_comment ?? '' },
    resolved_by: row.resolved_by === null ? null : { by: row.resolved_by, at: row.resolved_by_at!.getTime(), comment: row.resolved_comment ?? '' },
    silenced: row.silenced,
    inhibited_by: row.inhibited_by,
    escalation: { tier: row.escalation_tier, next_at: ms(row.escalation_next_at) },
    view: null,
  }
}

const SELECT = `SELECT ${ALERT_COLUMNS.join(', ')} FROM alerts`

/** The alerts the engine holds: open, or resolved since `since` (within the flap window). */
export async function readHeld(db: StoreQueryable, since: number): Promise<AlertRecord[]> {
  const rows = await db.query<AlertRow>(`${SELECT} WHERE state <> 'resolved' OR resolved_at >= $1 ORDER BY started_at`, [new Date(since)])
  return rows.map(recordOf)
}

export async function readAlert(db: StoreQueryable, id: string): Promise<AlertRecord | undefined> {
  const [row] = await db.query<AlertRow>(`${SELECT} WHERE id = $1`, [id])
  return row && recordOf(row)
}

export interface ResolvedQuery {
  severity?: string
  region?: string
  rule?: string
  limit: number
}

/** Resolved alerts, the latest first. */
export async function readResolved(db: StoreQueryable, q: ResolvedQuery): Promise<AlertRecord[]> {
  const where = ["state = 'resolved'"]
  const params: unknown[] = []
  const add = (condition: string, value: unknown) => {
    params.push(value)
    where.push(condition.replace('?', `$${params.length}`))
  }
  if (q.severity !== undefined) add('severity = ?', q.severity)
  if (q.region !== undefined) add("coalesce(labels->>'region', '') = ?", q.region)
  if (q.rule !== undefined) add('rule_id = ?', q.rule)
  params.push(q.limit)
  const rows = await db.query<AlertRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY resolved_at DESC LIMIT $${params.length}`, params)
  return rows.map(recordOf)
}

export interface FiredQuery extends Omit<ResolvedQuery, 'limit'> {
  /** [since, until): alerts with a firing or reopened transition in it. */
  since: Date
  until: Date
  state?: string
  limit: number
}

/** Alerts that fired (or fired again) within [since, until), in any state now, the latest fired first: a period's alerts, as a bulletin counts them. */
export async function readFired(db: StoreQueryable, q: FiredQuery): Promise<AlertRecord[]> {
  const params: unknown[] = [q.since, q.until]
  const where = [`id IN (SELECT alert_id FROM alert_history WHERE kind IN ('firing', 'reopened') AND at >= $1 AND at < $2)`]
  const add = (condition: string, value: unknown) => {
    params.push(value)
    where.push(condition.replace('?', `$${params.length}`))
  }
  if (q.state !== undefined) add('state = ?', q.state)
  if (q.severity !== undefined) add('severity = ?', q.severity)
  if (q.region !== undefined) add("coalesce(labels->>'region', '') = ?", q.region)
  if (q.rule !== undefined) add('rule_id = ?', q.rule)
  params.push(q.limit)
  const rows = await db.query<AlertRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY fired_at DESC, id LIMIT $${params.length}`, params)
  return rows.map(recordOf)
}

export async function readHistory(db: StoreQueryable, alertId: string): Promise<AlertHistoryEntry[]> {
  const rows = await db.query<{ at: Date; kind: AlertHistoryKind; actor: string; comment: string | null; detail: Record<string, unknown> }>(
    'SELECT at, kind, actor, comment, detail FROM alert_history WHERE alert_id = $1 ORDER BY id',
    [alertId],
  )
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }))
}
