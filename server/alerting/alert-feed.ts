// The seam between the rule engine, which decides what is true (the alerts
// and their lifecycle, server/alerting/engine), and the notification
// pipeline, which decides who is told and when (server/alerting/notify):
// the engine publishes every change of an alert; the pipeline reads the
// alerts as they are now when it flushes a group (a silence or an
// acknowledgement that came meanwhile counts), and records escalations back.
import type { Alert, AlertHistoryKind } from '../../schemas/alerts.ts'

export interface AlertChange {
  alert: Alert
  /** What happened: the alert's history entry of this change. */
  kind: AlertHistoryKind
  at: Date
  /** Who did it: a username, or "engine". */
  actor: string
}

export interface AlertFeed {
  onChange(listener: (change: AlertChange) => void): void
  /** The alerts now: every one not resolved, and those resolved within the flap window. */
  current(): Alert[]
  get(id: string): Alert | undefined
  /** The pipeline reached an escalation tier of an unacknowledged alert (kept with the alert, so a restart goes on from there). */
  escalated(id: string, tier: number, nextAt: Date | null, receivers: string[]): Promise<void>
}

/** What the pipeline offers the engine's API: a lead's "escalate now". */
export interface Escalator {
  /** Why a lead cannot escalate now (no escalation policy in force), or null: asked before the escalation is recorded. */
  unavailable(): string | null
  escalateNow(alert: Alert, by: string, comment: string): Promise<void>
}
