// Every notification attempt about one alert, oldest first: what the
// engine's GET /api/v1/alerts/{id} lists under `notifications`. An attempt
// names every alert its message carried (a group, a digest, an escalation),
// so the alert's own are found through the array's GIN index.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { NotificationAttempt } from '../../../schemas/alerts.ts'

export async function notificationAttempts(db: StoreQueryable, alertId: string): Promise<NotificationAttempt[]> {
  const rows = await db.query<{
    at: Date
    receiver_id: string
    receiver_type: string
    reason: NotificationAttempt['reason']
    attempt: number
    outcome: NotificationAttempt['outcome']
    error: string | null
    key: string
  }>(
    `SELECT at, receiver_id, receiver_type, reason, attempt, outcome, error, key
     FROM notification_attempts WHERE alert_ids @> ARRAY[$1::uuid] ORDER BY at, id`,
    [alertId],
  )
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }))
}
