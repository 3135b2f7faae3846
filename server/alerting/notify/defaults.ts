// The pipeline's own constants; what a route, a receiver or the escalation
// policy means where the file says nothing is decided once, in
// server/alerting/config/rule-defaults.ts, and read here.
import { parseDuration } from '../../../schemas/duration.ts'
import { DEFAULT_GROUP_BY, DEFAULT_RATE_LIMITS, ROUTE_TIMING_DEFAULTS } from '../config/rule-defaults.ts'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

export const ROUTE_DEFAULTS = {
  groupWaitMs: parseDuration(ROUTE_TIMING_DEFAULTS.group_wait),
  groupIntervalMs: parseDuration(ROUTE_TIMING_DEFAULTS.group_interval),
  repeatIntervalMs: parseDuration(ROUTE_TIMING_DEFAULTS.repeat_interval),
  groupBy: DEFAULT_GROUP_BY,
}

export const RATE_LIMITS_PER_MINUTE = DEFAULT_RATE_LIMITS

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
