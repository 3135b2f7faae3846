// What the store keeps of each notification: its idempotency key claimed
// before the first attempt and settled after the last, every attempt on the
// alerts it carried, and (when it was sent) the notification log's rows, all
// in one statement per attempt, so a send is recorded whole or not at all.
// The engine's GET /api/v1/alerts/{id} reads notification_attempts.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { NotificationAttempt } from '../../../schemas/alerts.ts'
import type { LogUpdate } from './notification-log.ts'

export interface AttemptRecord {
  at: number
  alertIds: string[]
  receiverId: string
  receiverType: string
  reason: NotificationAttempt['reason']
  attempt: number
  outcome: NotificationAttempt['outcome']
  error: string | null
  key: string
}

const LOG_ROWS = `SELECT $1::text, u.group_key, u.firing, u.resolved, u.at
  FROM jsonb_to_recordset($2::jsonb) AS u (group_key text, firing text[], resolved text[], at timestamptz)`
const LOG_UPSERT = `ON CONFLICT (receiver_id, group_key) DO UPDATE
  SET firing = excluded.firing, resolved = excluded.resolved, sent_at = excluded.sent_at
  WHERE notification_log.sent_at <= excluded.sent_at`

const logJson = (updates: readonly LogUpdate[]) =>
  JSON.stringify(updates.map((u) => ({ group_key: u.groupKey, firing: u.firing, resolved: u.resolved, at: new Date(u.at).toISOString() })))

/**
 * Claims keys before their first attempt: returns those this process may
 * send. A key recorded as sent is refused; one left 'sending' by a crash, or
 * 'failed', is claimed again (at most one more send of what may have arrived).
 */
export async function claimKeys(db: StoreQueryable, claims: ReadonlyArray<{ key: string; receiverId: string }>, at: number): Promise<Set<string>> {
  if (claims.length === 0) return new Set()
  const rows = await db.query<{ key: string }>(
    `INSERT INTO notification_deliveries (key, receiver_id, state, updated_at)
     SELECT c.key, c.receiver_id, 'sending', $3 FROM unnest($1::text[], $2::text[]) AS c (key, receiver_id)
     ON CONFLICT (key) DO UPDATE SET state = 'sending', updated_at = excluded.updated_at
       WHERE notification_deliveries.state <> 'sent'
     RETURNING key`,
    [claims.map((c) => c.key), claims.map((c) => c.receiverId), new Date(at)],
  )
  return new Set(rows.map((r) => r.key))
}

/** One attempt; the last one also settles the key, and a sent one writes the log's rows. */
export async function recordAttempt(db: StoreQueryable, a: AttemptRecord, log: readonly LogUpdate[]): Promise<void> {
  const state = a.outcome === 'retrying' ? 'sending' : a.outcome
  await db.query(
    `WITH attempt AS (
       INSERT INTO notification_attempts (at, alert_ids, receiver_id, receiver_type, reason, attempt, outcome, error, key)
       VALUES ($3, $4::uuid[], $1, $5, $6, $7, $8, $9, $10)
     ), delivery AS (
       UPDATE notification_deliveries SET state = $11, updated_at = $3 WHERE key = $10
     ), log AS (
       INSERT INTO notification_log (receiver_id, group_key, firing, resolved, sent_at) ${LOG_ROWS} ${LOG_UPSERT}
     )
     SELECT 1`,
    [a.receiverId, logJson(a.outcome === 'sent' ? log : []), new Date(a.at), a.alertIds, a.receiverType, a.reason, a.attempt, a.outcome, a.error, a.key, state],
  )
}

/** The log's rows of a flush that had nothing to send (resolutions to a receiver without send_resolved): the log forgets what resolved. */
export async function writeLog(db: StoreQueryable, receiverId: string, log: readonly LogUpdate[]): Promise<void> {
  await db.query(`INSERT INTO notification_log (receiver_id, group_key, firing, resolved, sent_at) ${LOG_ROWS} ${LOG_UPSERT}`, [receiverId, logJson(log)])
}

export async function collectDeliveries(db: StoreQueryable, before: number): Promise<void> {
  await db.query('DELETE FROM notification_deliveries WHERE updated_at < $1', [new Date(before)])
}
