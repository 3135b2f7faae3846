// Where an alert's notification attempts are read from for its detail
// (GET /api/v1/alerts/{id}): the notification pipeline records every attempt
// and fills this in; until it is wired, an alert has none.
import type { NotificationAttempt } from '../../schemas/alerts.ts'

export interface NotificationAttemptLog {
  /** Every attempt to notify anyone of this alert, oldest first. */
  attemptsOf(alertId: string): Promise<NotificationAttempt[]>
}

export const NO_ATTEMPTS: NotificationAttemptLog = { attemptsOf: () => Promise.resolve([]) }
