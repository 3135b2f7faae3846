// Where an unanswered supervision order becomes an alert to the shift lead
// (DOMAIN.md §4: a reminder, then escalation and an alert). The service
// calls it; the app's implementation is the set the alerting engine reads
// (unanswered-supervisions.ts), so the alert is routed like any other.
import type { Supervision } from './supervision-store.ts'

export interface SupervisionAlerts {
  /** The order is still unanswered after its reminder: tell the shift lead. */
  raise(order: Supervision, at: Date): void | Promise<void>
  /** The order was answered or closed after its alert: the alert is over. */
  clear(order: Supervision, at: Date): void | Promise<void>
}
