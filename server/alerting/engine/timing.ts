// How long a rule's condition must hold before its alert fires (`for`) and
// how long it must stay clear before it resolves (`keep_firing_for`), with
// the defaults of each kind, and the engine's other clocks. Why these:
//
// - kpi, change, unexplained_surge hold 2 minutes: a 15-minute figure moves
//   with every call, and a shift lead must not be woken by one bad minute;
//   two minutes is still well inside the quarter hour a problem takes to
//   reach customers.
// - entity alerts fire at once: an order is overdue or it is not (the SLA
//   judge decided), and a late order must not wait longer.
// - data alerts hold 1 minute: a source's silence or a stale snapshot for
//   one tick is a hiccup; for a minute it is an outage of the wall's truth.
// - keep_firing_for is 5 minutes for measured values (a rate that dips
//   under its clear threshold for a moment has not recovered), nothing for
//   entities (an order that arrived has arrived: its alert resolves at
//   once), 1 minute for data (a source that answers once is not back).
// - The flap window is 15 minutes: the length of the shortest KPI window.
//   A condition that comes back within it is the same problem still moving
//   through the same quarter-hour figure, so it reopens the same alert (its
//   history, its acknowledgement trail) instead of paging anew; after it, a
//   new window holds new calls, and a new alert is the honest answer.
import { parseDuration } from '../../../schemas/duration.ts'
import type { Rule, RuleKind } from '../../../schemas/alerting-config.ts'

const MIN = 60_000

export const DEFAULT_FOR_MS: Record<RuleKind, number> = { kpi: 2 * MIN, change: 2 * MIN, unexplained_surge: 2 * MIN, entity: 0, data: MIN }
export const DEFAULT_KEEP_FIRING_MS: Record<RuleKind, number> = { kpi: 5 * MIN, change: 5 * MIN, unexplained_surge: 5 * MIN, entity: 0, data: MIN }

/** A resolved alert whose condition returns within this is reopened, not replaced. */
export const FLAP_WINDOW_MS = 15 * MIN

/** A firing alert's latest value is written (and pushed to screens) at most this often, not every tick. */
export const VALUE_WRITE_MS = 15_000

export interface Timing {
  forMs: number
  keepFiringMs: number
}

export function timingOf(rule: Rule): Timing {
  return {
    forMs: rule.for === undefined ? DEFAULT_FOR_MS[rule.kind] : parseDuration(rule.for),
    keepFiringMs: rule.keep_firing_for === undefined ? DEFAULT_KEEP_FIRING_MS[rule.kind] : parseDuration(rule.keep_firing_for),
  }
}
