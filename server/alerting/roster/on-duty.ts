// Who is on duty at an instant (DOMAIN.md §4): the shift whose hours hold the
// center's local time, a shift that runs past midnight belonging to the day it
// started (at 02:00 on the 2nd, the night shift on duty is the 1st's); the
// team working it is the assignment for that date and shift if there is one
// (a swap, a holiday), or else the rotation's: a cycle of days counted from
// its anchor date. Shifts that overlap: the first listed wins.
import type { Roster } from '../../../schemas/alerting-config.ts'
import { addDays, localClockToUtc, localDateOf, localMsOfDay, type LocalDate } from '../../kpi/local-time.ts'

export interface DutyShift {
  id: string
  name: string
  /** Clock times as the roster writes them. */
  start: string
  end: string
  /** The local date the shift started on. */
  date: string
  startsAt: number
  endsAt: number
}

export interface OnDuty {
  shift: DutyShift | null
  team: string | null
  lead: string | null
  officers: string[]
  director: string | null
}

const DAY_MS = 86_400_000
const clockMs = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000
const dateText = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
const parseDate = (text: string): LocalDate => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) })
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS

/** The shift holding `at`, and the local date it started on. */
function shiftAt(roster: Roster, timeZone: string, at: number): { shift: Roster['shifts'][number]; date: LocalDate } | null {
  const today = localDateOf(timeZone, at)
  const now = localMsOfDay(timeZone, at)
  for (const shift of roster.shifts) {
    const start = clockMs(shift.start)
    const end = clockMs(shift.end)
    if (start < end) {
      if (now >= start && now < end) return { shift, date: today }
    } else if (now >= start) {
      // Past midnight (or round the clock when start = end): begun today, or begun yesterday and not yet over.
      return { shift, date: today }
    } else if (now < end) {
      return { shift, date: addDays(today, -1) }
    }
  }
  return null
}

/** The team working a shift on a date: the assignment, or the rotation's day. */
export function teamOf(roster: Roster, shiftId: string, date: LocalDate): string | null {
  const text = dateText(date)
  const assigned = roster.assignments?.find((a) => a.date === text && a.shift === shiftId)
  if (assigned) return assigned.team
  if (!roster.rotation) return null
  const { days } = roster.rotation
  const offset = dayNumber(date) - dayNumber(parseDate(roster.rotation.anchor))
  const day = days[((offset % days.length) + days.length) % days.length]
  return day[shiftId] ?? null
}

export function onDuty(roster: Roster | null, timeZone: string, at: number): OnDuty {
  const director = roster?.director ?? null
  const found = roster ? shiftAt(roster, timeZone, at) : null
  if (!roster || !found) return { shift: null, team: null, lead: null, officers: [], director }
  const { shift, date } = found
  const start = clockMs(shift.start)
  const end = clockMs(shift.end)
  const team = teamOf(roster, shift.id, date)
  const members = team ? roster.teams[team] : undefined
  return {
    shift: {
      id: shift.id,
      name: shift.name,
      start: shift.start,
      end: shift.end,
      date: dateText(date),
      startsAt: localClockToUtc(timeZone, date, start),
      endsAt: localClockToUtc(timeZone, start < end ? date : addDays(date, 1), end),
    },
    team: members ? team : null,
    lead: members?.lead ?? null,
    officers: members ? [...members.officers] : [],
    director,
  }
}
