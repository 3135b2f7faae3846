// The alarms of the wall's ticker, judged on the server from every
// territory-wide snapshot (an observer of the tick loop): outages with key
// customers (critical), outages past their ETR (warning) and overdue work
// orders (critical), most serious first. Screens get the whole list when it
// changes and when they connect.
import { MAX_ALARMS, type Alarm } from '../../schemas/alarms.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'

export function alarmsOf(current: Snapshot['current']): Alarm[] {
  const alarms: Alarm[] = []
  for (const o of current.outages) {
    if (o.key_customers_affected > 0) {
      alarms.push({
        kind: 'outage_key_customers', key: `key:${o.outage_id}`, severity: 'critical', region: o.region, outage_id: o.outage_id,
        feeder: o.feeder, customers: o.customers_affected, key_customers: o.key_customers_affected, started_at: o.started_at,
      })
    } else if (o.etr_overrun && o.etr !== null) {
      alarms.push({
        kind: 'outage_etr_overrun', key: `etr:${o.outage_id}`, severity: 'warning', region: o.region, outage_id: o.outage_id,
        feeder: o.feeder, customers: o.customers_affected, etr: o.etr,
      })
    }
  }
  for (const w of current.workorders.overdue) {
    alarms.push({
      kind: 'workorder_overdue', key: `wo:${w.workorder_id}`, severity: 'critical', region: w.region, workorder_id: w.workorder_id,
      category: w.category, milestone: w.milestone, due_at: w.due_at,
    })
  }
  const rank = (a: Alarm) => (a.severity === 'critical' ? 0 : 1)
  // Stable sort: within a severity, the order the snapshot ranked them in (largest outage, most overdue order).
  return alarms.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_ALARMS)
}

export class AlarmBoard {
  private alarms: Alarm[] = []
  private text = '[]'

  constructor(private readonly publish: (alarms: Alarm[]) => void) {}

  /** The alarms now. */
  current(): Alarm[] {
    return this.alarms
  }

  /** Takes a territory-wide snapshot; publishes the list when it changed. */
  observe(snapshot: Snapshot): void {
    const next = alarmsOf(snapshot.current)
    const text = JSON.stringify(next)
    if (text === this.text) return
    this.alarms = next
    this.text = text
    this.publish(next)
  }
}
