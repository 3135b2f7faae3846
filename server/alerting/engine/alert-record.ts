// An alert as the engine holds it: the view screens and the API see
// (schemas/alerts.ts) plus the engine's own clocks, kept with it in the
// store so that a restart goes on where it stopped: when the current hold
// began (pending_since) and when the value last went past clear
// (clear_since, the keep-firing clock). Times are epoch ms here and ISO in
// the view, which is made again only after a change.
import type { RuleKind, Severity } from '../../../schemas/alerting-config.ts'
import type { Alert, AlertState } from '../../../schemas/alerts.ts'

export interface AlertRecord {
  id: string
  fingerprint: string
  rule_id: string
  rule_name: string
  kind: RuleKind
  severity: Severity
  /** The scope within its rule ('' for the total, a region code, an order id): where the alert belongs again after a restart. */
  scope_key: string
  labels: Record<string, string>
  summary: string
  value: number | null
  threshold: number | null
  annotations: Record<string, string>
  state: AlertState
  started_at: number
  pending_since: number | null
  fired_at: number | null
  resolved_at: number | null
  clear_since: number | null
  acknowledged: null | { by: string; display_name: string; at: number; comment: string }
  resolved_by: null | { by: string; at: number; comment: string }
  silenced: boolean
  inhibited_by: string | null
  escalation: { tier: number; next_at: number | null }
  view: Alert | null
}

/** Marks a change: the view is made again when next asked for. */
export function touch(r: AlertRecord): void {
  r.view = null
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export function viewOf(r: AlertRecord): Alert {
  r.view ??= {
    id: r.id,
    fingerprint: r.fingerprint,
    rule_id: r.rule_id,
    rule_name: r.rule_name,
    kind: r.kind,
    severity: r.severity,
    state: r.state,
    labels: r.labels,
    summary: r.summary,
    value: r.value,
    threshold: r.threshold,
    started_at: new Date(r.started_at).toISOString(),
    fired_at: iso(r.fired_at),
    resolved_at: iso(r.resolved_at),
    acknowledged: r.acknowledged && { ...r.acknowledged, at: new Date(r.acknowledged.at).toISOString() },
    resolved_by: r.resolved_by && { ...r.resolved_by, at: new Date(r.resolved_by.at).toISOString() },
    silenced: r.silenced,
    inhibited_by: r.inhibited_by,
    escalation: { tier: r.escalation.tier, next_at: iso(r.escalation.next_at) },
    annotations: r.annotations,
  }
  return r.view
}

/** Open: pending, firing or acknowledged. */
export const isOpen = (r: AlertRecord): boolean => r.state !== 'resolved'

/** Firing or acknowledged: people were told. */
export const isActive = (r: AlertRecord): boolean => r.state === 'firing' || r.state === 'acknowledged'
