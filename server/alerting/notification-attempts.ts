// Where an alert's notification attempts are read from for its detail
// (GET /api/v1/alerts/{id}): the notification pipeline records every attempt
// (server/alerting/notify/attempts.ts reads them back from the store).
import type { NotificationAttempt } from '../../schemas/alerts.ts'

export interface NotificationAttemptLog {
  /** Every attempt to notify anyone of this alert, oldest first. */
  attemptsOf(alertId: string): Promise<NotificationAttempt[]>
}
