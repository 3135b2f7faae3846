// Where an unanswered supervision order becomes an alert to the shift lead
// (DOMAIN.md §4: a reminder, then escalation and an alert). The alerting
// engine (issue 10) is built elsewhere; it plugs in here: raise() becomes an
// `entity` alert with the fingerprint `supervision:<id>` routed to the shift
// lead on duty, clear() resolves it. Until then the alerts are logged.
import type { Supervision } from './supervision-store.ts'

export interface SupervisionAlerts {
  /** The order is still unanswered after its reminder: tell the shift lead. */
  raise(order: Supervision, at: Date): void | Promise<void>
  /** The order was answered or closed after its alert: the alert is over. */
  clear(order: Supervision, at: Date): void | Promise<void>
}

export interface WarnLogger {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export function loggingSupervisionAlerts(logger: WarnLogger): SupervisionAlerts {
  const fields = (o: Supervision) => ({ supervision_id: o.id, team: o.team, target: `${o.target_type}:${o.target_id}`, due_at: o.due_at.toISOString() })
  return {
    raise: (order) => logger.warn(fields(order), 'supervision order unanswered after its reminder: alert the shift lead'),
    clear: (order) => logger.info(fields(order), 'supervision order answered or closed: its alert is over'),
  }
}
