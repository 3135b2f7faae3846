// The supervision orders the shift lead must hear about: still unanswered
// after their reminder and the grace after it (DOMAIN.md §4). The service
// decides when an order gets there (raise) and when it stops being one
// (clear: answered, closed); the alerting engine reads this set every tick
// through its `supervision_unanswered` entity rule, so the alert is routed,
// escalated, acknowledged and resolved like any other. Read back from the
// store at start: an order alerted before a restart stays alerted.
import type { SupervisionAlerts } from './supervision-alerts.ts'
import type { Supervision, SupervisionStore } from './supervision-store.ts'

/** What an alert about an unanswered order says and is routed by. */
export interface UnansweredSupervision {
  supervision_id: string
  target_type: string
  target_id: string
  region: string
  team: string
  reason: string
  due_at: string
  alerted_at: string
}

const brief = (o: Supervision, alertedAt: Date): UnansweredSupervision => ({
  supervision_id: o.id,
  target_type: o.target_type,
  target_id: o.target_id,
  region: o.region,
  team: o.team,
  reason: o.reason,
  due_at: o.due_at.toISOString(),
  alerted_at: alertedAt.toISOString(),
})

export class UnansweredSupervisions implements SupervisionAlerts {
  private readonly orders = new Map<string, UnansweredSupervision>()

  async load(store: SupervisionStore): Promise<void> {
    for (const o of await store.alertedOpen()) this.orders.set(o.id, brief(o, o.alerted_at ?? o.due_at))
  }

  raise(order: Supervision, at: Date): void {
    this.orders.set(order.id, brief(order, at))
  }

  clear(order: Supervision): void {
    this.orders.delete(order.id)
  }

  list(): UnansweredSupervision[] {
    return [...this.orders.values()]
  }
}
