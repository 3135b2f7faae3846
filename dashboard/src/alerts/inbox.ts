// The alert inbox's rules, apart from the screen so they read (and are tested)
// in one place: which alerts it lists under which filters, in what order, and
// which ones are new critical alerts to sound and notify.
import type { Alert, AlertState } from '../../../schemas/alerts.ts'
import type { Severity } from '../../../schemas/alerting-config.ts'

/** `open`: pending, firing and acknowledged (the default); or one state. */
export type StateFilter = 'open' | AlertState

export interface InboxFilter {
  severity: Severity | 'all'
  state: StateFilter
  /** Only those acknowledged by this username (the "mine" filter); null for everyone's. */
  mine: string | null
  /** Only those of this region (the `region` label), or of this rule; 'all' for any. */
  region: string
  rule: string
}

export const ALL: InboxFilter = { severity: 'all', state: 'open', mine: null, region: 'all', rule: 'all' }

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }
/** Nobody has taken it yet first, then those still coming (pending), then those someone has. */
const STATE_RANK: Record<AlertState, number> = { firing: 0, pending: 1, acknowledged: 2, resolved: 3 }

/** Fired (or, pending, started) at: its age counts from there. */
export const sinceOf = (a: Alert): number => Date.parse(a.fired_at ?? a.started_at)

/** Firing and nobody has acknowledged it: what must not be missed. */
export const needsAcknowledging = (a: Alert): boolean => a.state === 'firing'

export function matches(a: Alert, f: InboxFilter): boolean {
  if (f.severity !== 'all' && a.severity !== f.severity) return false
  if (f.state === 'open' ? a.state === 'resolved' : a.state !== f.state) return false
  if (f.mine !== null && a.acknowledged?.by !== f.mine) return false
  if (f.region !== 'all' && a.labels.region !== f.region) return false
  if (f.rule !== 'all' && a.rule_id !== f.rule) return false
  return true
}

/**
 * What the region and rule filters offer: those of the alerts present (a
 * filter never offers a choice that shows nothing), and the one chosen even
 * when its last alert has gone, so the choice stays visible and can be undone.
 */
export function filterChoices(alerts: readonly Alert[], f: InboxFilter): { regions: string[]; rules: Array<{ id: string; name: string }> } {
  const regions = new Set<string>()
  const rules = new Map<string, string>()
  for (const a of alerts) {
    if (a.labels.region !== undefined) regions.add(a.labels.region)
    rules.set(a.rule_id, a.rule_name)
  }
  if (f.region !== 'all') regions.add(f.region)
  if (f.rule !== 'all' && !rules.has(f.rule)) rules.set(f.rule, f.rule)
  return {
    regions: [...regions].sort(),
    rules: [...rules].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id)),
  }
}

/** Most serious first; within a severity, the unacknowledged first; then the oldest first; the id settles ties. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    sinceOf(a) - sinceOf(b) ||
    a.id.localeCompare(b.id)
  )
}

export const inboxAlerts = (alerts: readonly Alert[], f: InboxFilter): Alert[] => alerts.filter((a) => matches(a, f)).sort(compareAlerts)

/** How many alerts of each severity are firing unacknowledged (the inbox's header). */
export function unacknowledgedCounts(alerts: readonly Alert[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 }
  for (const a of alerts) if (needsAcknowledging(a)) counts[a.severity] += 1
  return counts
}

/**
 * The critical alerts firing now that were not firing in `seen` (the ids of
 * those already announced), and the new `seen`. The first list a page gets is
 * only the baseline (`seen` null): what fired before the page opened is not new.
 */
export function newCriticals(seen: ReadonlySet<string> | null, alerts: readonly Alert[]): { fresh: Alert[]; seen: Set<string> } {
  // Muted as the pipeline mutes them (silenced, or inhibited by a worse alert): shown, not announced.
  const firing = alerts.filter((a) => a.severity === 'critical' && a.state === 'firing' && !a.silenced && a.inhibited_by === null)
  const next = new Set(firing.map((a) => a.id))
  if (seen === null) return { fresh: [], seen: next }
  return { fresh: firing.filter((a) => !seen.has(a.id)), seen: next }
}
