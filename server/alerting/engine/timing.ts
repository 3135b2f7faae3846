// How long a rule's condition must hold before its alert fires (`for`) and
// how long it must stay clear before it resolves (`keep_firing_for`), with
// the defaults of each kind, and the engine's other clocks. Why these:
//
// - The hold times of each kind, where a rule says nothing, are decided once
//   with the other defaults (server/alerting/config/rule-defaults.ts, which
//   says why): a KPI holds 2 minutes before firing and 5 before resolving, a
//   surge 2 and 10, an entity neither, a data rule fires at once (its own
//   `minutes` is its hold) and resolves after a minute.
// - The flap window is 15 minutes: the length of the shortest KPI window.
//   A condition that comes back within it is the same problem still moving
//   through the same quarter-hour figure, so it reopens the same alert (its
//   history, its acknowledgement trail) instead of paging anew; after it, a
//   new window holds new calls, and a new alert is the honest answer.
import { parseDuration } from '../../../schemas/duration.ts'
import type { Rule, RuleKind } from '../../../schemas/alerting-config.ts'
import { RULE_TIMING_DEFAULTS } from '../config/rule-defaults.ts'

const MIN = 60_000
const byKind = (pick: (t: { for: string; keep_firing_for: string }) => string) =>
  Object.fromEntries(Object.entries(RULE_TIMING_DEFAULTS).map(([kind, t]) => [kind, parseDuration(pick(t))])) as Record<RuleKind, number>

export const DEFAULT_FOR_MS = byKind((t) => t.for)
export const DEFAULT_KEEP_FIRING_MS = byKind((t) => t.keep_firing_for)

/** A resolved alert whose condition returns within this is reopened, not replaced. */
export const FLAP_WINDOW_MS = 15 * MIN

/** A firing alert's latest value is written (and pushed to screens) at most this often, not every tick. */
export const VALUE_WRITE_MS = 15_000
/** At most this many value-only writes a tick (transitions are always written at once). */
export const VALUE_WRITES_PER_TICK = 50

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
