// Alerts as the server judged them and every screen shows them (the desk, the
// lead's page, the wall): the API's answers and the socket's `alert` events.
// The lifecycle is DOMAIN.md §3: pending → firing → acknowledged → resolved,
// reopened when it fires again within the flap window; silenced is a flag.
import type { RuleKind, Severity } from './alerting-config.ts'
import type { KpiId, WindowId } from './kpis.ts'
import type { OutageBrief, WorkorderBrief } from './snapshot.ts'

export const ALERT_STATES = ['pending', 'firing', 'acknowledged', 'resolved'] as const
export type AlertState = (typeof ALERT_STATES)[number]

export interface Alert {
  id: string
  /** Stable per rule and scope: the same problem is always the same alert. */
  fingerprint: string
  rule_id: string
  rule_name: string
  kind: RuleKind
  severity: Severity
  state: AlertState
  /** The rule's labels with rule, kind, severity and the scope (e.g. region) added. */
  labels: Record<string, string>
  /** One line, in the center's language: what, where, value against threshold. */
  summary: string
  /** The value that fired it (latest while firing) and the threshold it crossed; null for entity and data alerts without one. */
  value: number | null
  threshold: number | null
  /** When it became true (pending), when it fired, and when it resolved. */
  started_at: string
  fired_at: string | null
  resolved_at: string | null
  acknowledged: null | { by: string; display_name: string; at: string; comment: string }
  resolved_by: null | { by: string; at: string; comment: string }
  /** Held back from pushes by a silence (still recorded and shown). */
  silenced: boolean
  /** Held back by a more important alert (a critical outage in the same region explains call alerts). */
  inhibited_by: string | null
  /** The escalation tier reached (0: the first notification) and when the next one is due, if any. */
  escalation: { tier: number; next_at: string | null }
  /** Things the engine found that explain or qualify it, e.g. the outage that explains a surge. */
  annotations: Record<string, string>
}

export type AlertHistoryKind =
  | 'pending'
  | 'firing'
  | 'reopened'
  | 'acknowledged'
  | 'commented'
  | 'escalated'
  | 'resolved'
  | 'silenced'
  | 'unsilenced'
  | 'inhibited'
  | 'released'

export interface AlertHistoryEntry {
  at: string
  kind: AlertHistoryKind
  /** A person's username, or "engine" for what the rules decided. */
  actor: string
  comment: string | null
  detail: Record<string, unknown>
}

export interface NotificationAttempt {
  at: string
  receiver_id: string
  receiver_type: string
  /** What was sent: firing, resolved, an escalation tier, a reminder, a digest of messages over the rate limit, or a notice that is not about alerts (a bulletin). */
  reason: 'firing' | 'resolved' | 'escalation' | 'reminder' | 'digest' | 'notice'
  attempt: number
  outcome: 'sent' | 'failed' | 'retrying'
  /** The vendor's answer when it failed (HTTP status, errcode and errmsg), never a secret. */
  error: string | null
  /** The idempotency key: one notification is never sent twice, across retries and restarts. */
  key: string
}

export interface AlertDetail extends Alert {
  history: AlertHistoryEntry[]
  notifications: NotificationAttempt[]
  context: AlertContext
}

/** What a `kpi` or `change` rule in force judges, for drawing its KPI with the thresholds. */
export interface AlertRuleFacts {
  kpi: KpiId
  window: WindowId
  /** kpi rules: the side that fires, the fire and the clear threshold. */
  op: 'above' | 'below' | null
  fire: number | null
  clear: number | null
  /** change rules: the comparison, the factor and the least value that fires. */
  compare: 'yesterday' | 'last_week' | null
  factor: number | null
  min_value: number | null
}

/** The scope an alert is about, and the labels that pick out exactly its fingerprint (what a silence from the desk matches). */
export interface AlertScope {
  /** The breakdown or entity ('region', 'team', 'workorder', 'source', …), null for the rule's total. */
  dimension: string | null
  key: string
  matchers: Record<string, string>
}

/** Orders an alert is about: those its rule counts (overdue or at risk), narrowed to its scope. */
export interface AlertOrders {
  judged: 'overdue' | 'at_risk'
  /** The drill-down list's filters that hold the same orders (dashboard/src/desk/drill.ts). */
  filters: Record<string, string>
  total: number
  /** At most 50, most urgent first. */
  items: WorkorderBrief[]
}

/** What the detail shows beside the alert: its rule, its scope, related alerts and entities, the silences covering it. */
export interface AlertContext {
  /** null for rules without one KPI (surge, entity, data), or a rule no longer in force. */
  rule: AlertRuleFacts | null
  /** null when its rule is no longer in force. */
  scope: AlertScope | null
  /** Other open alerts of the same rule or the same scope (region, order, outage). */
  related: Alert[]
  /** Active outages of its region (what may explain a surge), or the outage it is about. */
  outages: OutageBrief[]
  workorders: AlertOrders | null
  /** Silences in force or to come whose matchers cover it. */
  silences: Silence[]
}

export interface Silence {
  id: string
  /** Label (or severity, rule) values an alert must all have to be silenced. */
  matchers: Record<string, string>
  starts_at: string
  ends_at: string
  comment: string
  created_by: string
  created_at: string
  state: 'pending' | 'active' | 'expired'
}
