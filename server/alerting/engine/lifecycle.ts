// The lifecycle of one alert under the verdicts of its rule, tick after
// tick (DOMAIN.md §3; after Grafana's state machine, pkg/services/ngalert/
// state, without its code):
//
//   (none) ──fire──▶ pending ──fire, held `for`──▶ firing ──ack──▶ acknowledged
//                      │                            │                 │
//                 clear / none                  clear for `keep_firing_for`
//                      ▼                            ▼                 ▼
//                   resolved (never fired)        resolved ◀──────────┘
//
// - pending holds while the value stays past clear (fire or between) and
//   fires once it has held `for` and is past fire then; it goes back on a
//   clear or on no judgement. Nobody is told of it.
// - firing and acknowledged stay while the value is past fire or between
//   (hysteresis); a clear starts the keep-firing clock, anything else stops
//   it, and no judgement (too few items) neither starts nor stops it.
// - a resolved alert whose condition comes back within the flap window is
//   the same alert again: pending (held as a new one would be) and then
//   `reopened`, its acknowledgement gone (the problem is back: someone must
//   take it again). Past the window the engine forgets it, and a new
//   condition is a new alert.
import type { AlertHistoryKind } from '../../../schemas/alerts.ts'
import { touch, type AlertRecord } from './alert-record.ts'
import type { Timing } from './timing.ts'
import type { Verdict } from './verdict.ts'

export interface Move {
  kind: AlertHistoryKind
  comment: string | null
  detail: Record<string, unknown>
}

const valueDetail = (r: AlertRecord) => ({ value: r.value, threshold: r.threshold })

function fire(r: AlertRecord, at: number): Move {
  const kind = r.fired_at === null ? 'firing' : 'reopened'
  r.state = 'firing'
  r.fired_at = at
  r.pending_since = null
  r.clear_since = null
  r.resolved_at = null
  r.resolved_by = null
  r.acknowledged = null
  r.escalation = { tier: 0, next_at: null }
  touch(r)
  return { kind, comment: null, detail: valueDetail(r) }
}

function hold(r: AlertRecord, at: number): Move {
  r.state = 'pending'
  r.pending_since = at
  r.resolved_at = null
  r.resolved_by = null
  r.acknowledged = null
  touch(r)
  return { kind: 'pending', comment: null, detail: valueDetail(r) }
}

function resolve(r: AlertRecord, at: number, detail: Record<string, unknown>): Move {
  r.state = 'resolved'
  r.resolved_at = at
  r.pending_since = null
  r.clear_since = null
  r.escalation = { tier: r.escalation.tier, next_at: null }
  touch(r)
  return { kind: 'resolved', comment: null, detail: { ...valueDetail(r), ...detail } }
}

/** A new alert whose condition just became true: pending, or firing at once when it holds for nothing. */
export function begin(r: AlertRecord, at: number, timing: Timing): Move {
  return timing.forMs === 0 ? fire(r, at) : hold(r, at)
}

/**
 * What a verdict does to an alert the engine holds (open, or resolved within
 * the flap window). Changes `r` and returns its history entry, or null when
 * the state stays (clocks may still move).
 */
export function advance(r: AlertRecord, verdict: Verdict, at: number, timing: Timing): Move | null {
  switch (r.state) {
    case 'pending':
      if (verdict === 'clear') return resolve(r, at, { before_firing: true })
      if (verdict === 'none') return resolve(r, at, { before_firing: true, reason: 'no judgement: no value, or too few items' })
      return verdict === 'fire' && at - r.pending_since! >= timing.forMs ? fire(r, at) : null
    case 'firing':
    case 'acknowledged':
      if (verdict === 'none') return null
      if (verdict !== 'clear') {
        r.clear_since = null
        return null
      }
      r.clear_since ??= at
      return at - r.clear_since >= timing.keepFiringMs ? resolve(r, at, { clear_since: new Date(r.clear_since).toISOString() }) : null
    case 'resolved':
      if (verdict === 'clear' && handLatched(r)) {
        // The condition a person closed by hand is over: the next time it holds is news again.
        r.clear_since = at
        touch(r)
        return null
      }
      if (verdict !== 'fire' || handLatched(r)) return null
      return timing.forMs === 0 ? fire(r, at) : hold(r, at)
  }
}

/**
 * Closed by hand (销号) while its condition still held, and not clear since:
 * the person took it as handled, so the same condition does not reopen it
 * tick after tick; it reopens once the condition has cleared and comes back.
 */
export const handLatched = (r: AlertRecord): boolean => r.state === 'resolved' && r.resolved_by !== null && r.clear_since === null

/**
 * Resolves an open alert at once, whatever its value says: closed by hand
 * (销号, `by` with the comment), or because its rule is gone or now judges
 * something else (`by` null).
 */
export function closeAlert(r: AlertRecord, at: number, by: { by: string; comment: string } | null, detail: Record<string, unknown>): Move {
  r.resolved_by = by && { ...by, at }
  const move = resolve(r, at, detail)
  return { ...move, comment: by?.comment ?? null }
}
