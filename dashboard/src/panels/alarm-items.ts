// What the alarm ticker lists, most serious first: outages with key customers,
// outages past their estimated restoration time, and overdue work orders.
// (Alerts proper arrive with the alerting issue; until then these are the
// conditions a duty officer must not miss.)
import type { Snapshot } from '../../../schemas/snapshot.ts'
import { duration } from '../format/center-time.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { t, tOr } from '../i18n/dictionary.ts'

export interface AlarmItem {
  key: string
  tone: 'red' | 'amber'
  text: (now: number) => string
}

const MAX_ITEMS = 30

export function alarmItems(current: Snapshot['current'] | undefined, names: Record<string, string>): AlarmItem[] {
  if (!current) return []
  const items: AlarmItem[] = []
  for (const o of current.outages) {
    const region = names[o.region] ?? o.region
    if (o.key_customers_affected > 0) {
      const text = t('alarm.keyCustomers', { region, feeder: o.feeder, c: formatNumber(o.customers_affected), k: formatNumber(o.key_customers_affected) })
      items.push({ key: `key:${o.outage_id}`, tone: 'red', text: () => text })
    } else if (o.etr_overrun) {
      const text = t('alarm.etrOverrun', { region, feeder: o.feeder, c: formatNumber(o.customers_affected) })
      items.push({ key: `etr:${o.outage_id}`, tone: 'amber', text: () => text })
    }
  }
  for (const w of current.workorders.overdue) {
    const due = Date.parse(w.due_at)
    const fixed = {
      id: w.workorder_id,
      cat: tOr(`cat.${w.category}`, w.category),
      region: names[w.region] ?? w.region,
      m: tOr(`milestone.${w.milestone}`, w.milestone),
    }
    items.push({ key: `wo:${w.workorder_id}`, tone: 'red', text: (now) => t('alarm.overdue', { ...fixed, d: duration(now - due) }) })
  }
  return items.slice(0, MAX_ITEMS)
}
