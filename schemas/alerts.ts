// Alerts as the server judged them and every screen shows them (the desk, the
// lead's page, the wall): the API's answers and the socket's `alert` events.
// The lifecycle is DOMAIN.md §3: pending → firing → acknowledged → resolved,
// reopened when it fires again within the flap window; silenced is a flag.
import type { RuleKind, Severity } from './alerting-config.ts'

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
