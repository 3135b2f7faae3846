// The pipeline's defaults, chosen for a command center rather than for
// Prometheus (docs/alerting/pipeline.md, "Defaults and why"): alerts come from
// a rule engine that judges every KPI tick, so a group needs seconds, not half
// a minute, to gather what fired together; a shift lead reads a phone, so a
// group speaks at most once a minute and repeats itself every two hours, not
// every four; escalation, not repetition, is what chases an unacknowledged
// alert.
import type { ReceiverType } from '../../../schemas/alerting-config.ts'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

export const ROUTE_DEFAULTS = {
  /** Alertmanager: 30 s. A tick judges every rule at once, and an inhibiting outage alert fires in the same tick as the call alerts it holds back. */
  groupWaitMs: 10 * SECOND,
  /** Alertmanager: 5 min. New alerts of a group that already spoke reach the lead within a minute. */
  groupIntervalMs: MINUTE,
  /** Alertmanager: 4 h. A reminder every two hours is four or five in a shift; acknowledged groups are not repeated at all. */
  repeatIntervalMs: 2 * HOUR,
  /** Alertmanager: none (one group per route). One message per rule: 50 overdue orders of one rule are one message. */
  groupBy: ['rule'] as readonly string[],
}

/**
 * Messages a minute per receiver before the rest wait and are merged into a
 * digest; absent: no limit. Robots: the vendors' 20 a minute (DingTalk mutes a
 * robot for 10 minutes beyond it); a WeCom application: its 30 a minute per
 * member; SMS: a phone full of texts is not read, and each one costs.
 */
export const RATE_LIMITS_PER_MINUTE: Partial<Record<ReceiverType, number>> = {
  wecom_robot: 20,
  dingtalk_robot: 20,
  feishu_bot: 20,
  wecom_app: 30,
  sms: 10,
}

/** Alerts a message lists by name; the rest are counted ("and 180 more"). A webhook gets them all: programs read it. */
export const LISTED_ALERTS = 10

/** Retries: the first after about a second, doubling up to 30 s, each delay drawn between half and all of it. */
export const BACKOFF = { firstMs: SECOND, factor: 2, maxMs: 30 * SECOND }

export const ESCALATION = {
  /** A tier is sent at most this long after it falls due, with every other alert that falls due for it meanwhile: one message, not one per alert. */
  batchMs: 10 * SECOND,
  /** How long an escalation message is retried: until the next tier is due, but at least a minute and at most ten. */
  minRetryMs: MINUTE,
  maxRetryMs: 10 * MINUTE,
}

export const RETENTION = {
  /** A group's log row outlives the group by this much (Alertmanager's --data.retention). */
  logMs: 120 * HOUR,
  /** An idempotency key's row: shorter than the log's, since a key names the log's previous send. */
  deliveriesMs: 24 * HOUR,
  /** How often both are collected. */
  collectEveryMs: HOUR,
}
