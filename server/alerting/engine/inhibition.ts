// Inhibition (DOMAIN.md §3): a critical outage alert in a region, firing or
// acknowledged, holds back that region's warning-level call alerts: the
// calls are the outage's echo, and the lead already knows of the outage.
// Held-back alerts are still recorded and shown, with the outage alert that
// explains them (`inhibited_by`), and released when it resolves.
import { isActive, type AlertRecord } from './alert-record.ts'
import type { CompiledRule } from './compiled-rule.ts'

/** For every open call alert of warning (or info) severity: the id of the outage alert that holds it back, or null. */
export function inhibitions(rules: readonly CompiledRule[]): Map<AlertRecord, string | null> {
  const outageByRegion = new Map<string, string>()
  for (const c of rules) {
    if (!c.outage || c.rule.severity !== 'critical') continue
    for (const { alert } of c.slots.values()) {
      const region = alert.labels.region
      if (isActive(alert) && region !== undefined && !outageByRegion.has(region)) outageByRegion.set(region, alert.id)
    }
  }
  const out = new Map<AlertRecord, string | null>()
  for (const c of rules) {
    if (!c.call || c.rule.severity === 'critical') continue
    for (const { alert } of c.slots.values()) {
      if (alert.state === 'resolved') continue
      out.set(alert, outageByRegion.get(alert.labels.region ?? '') ?? null)
    }
  }
  return out
}
