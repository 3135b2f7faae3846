// Which shift a handover is about, from the roster (on-duty.ts says who is on
// duty at an instant; this finds the boundaries around it).
//
// A handover happens at a boundary: the outgoing lead hands over a little
// before or after it. So the shift to hand over at an instant is the one
// whose end is the nearest boundary: in the first half of a shift, the one
// that just ended (its whole period); in the second half, the current one
// (its period so far: a lead may hand over early). Between shifts (a roster
// with gaps), the one that ended last.
import type { Roster } from '../../schemas/alerting-config.ts'
import { onDuty, type DutyShift, type OnDuty } from '../alerting/roster/on-duty.ts'
import { addDays, localClockToUtc, localDateOf } from '../kpi/local-time.ts'

export interface Shifted extends OnDuty {
  shift: DutyShift
}

export interface HandoverTarget {
  outgoing: Shifted
  /** Who takes over at the boundary (null when no shift follows it). */
  incoming: OnDuty
  /** The outgoing shift's end. */
  boundary: number
  /** The end of the period the handover describes: the boundary, or the instant asked when that is earlier. */
  periodTo: number
}

const clockMs = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000

/** A shift's stable key: the local date it began on and its id. */
export const shiftKey = (s: Pick<DutyShift, 'date' | 'id'>) => `${s.date}/${s.id}`

/** The shift that ended last at or before `at` (its team and lead as the roster had them), or null. */
export function lastEnded(roster: Roster, timeZone: string, at: number): Shifted | null {
  const today = localDateOf(timeZone, at)
  let end = -Infinity
  for (let back = 0; back <= 2; back++) {
    const date = addDays(today, -back)
    for (const s of roster.shifts) {
      const start = clockMs(s.start)
      const stop = clockMs(s.end)
      const endsAt = localClockToUtc(timeZone, start < stop ? date : addDays(date, 1), stop)
      if (endsAt <= at && endsAt > end) end = endsAt
    }
  }
  if (end === -Infinity) return null
  // The shift holding the boundary's last minute: where shifts overlap, the roster's first listed.
  const duty = onDuty(roster, timeZone, end - 1)
  return duty.shift ? (duty as Shifted) : null
}

export function handoverTarget(roster: Roster | null, timeZone: string, at: number): HandoverTarget | null {
  if (!roster) return null
  const current = onDuty(roster, timeZone, at)
  const previous = lastEnded(roster, timeZone, at)
  const cur = current.shift
  const outgoing = cur && (previous === null || at - cur.startsAt >= cur.endsAt - at) ? (current as Shifted) : previous
  if (!outgoing) return null
  const boundary = outgoing.shift.endsAt
  return { outgoing, incoming: onDuty(roster, timeZone, boundary), boundary, periodTo: Math.min(at, boundary) }
}
