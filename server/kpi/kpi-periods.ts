// The stretches of time one tick answers: each window (15m, 60m, today) now,
// the same window yesterday and the same window on the same weekday last week.
//
// Minute rollups and partial minutes: a period is [lo, hi) with lo rounded UP
// to a whole minute, and it reads the minute buckets that start in [lo, hi).
// So a rolling 15-minute window is the 15 most recent minute buckets, the
// current (partial) one included, and the minute that contains the window's
// start is left out rather than counted whole. Today starts at local
// midnight, which is a whole minute. A comparison period counts the minute
// that contains its end in full (the rollups cannot split it), at most 59 s
// more than the live window has seen so far.
import { WINDOWS, type WindowId } from '../../schemas/kpis.ts'
import { addDays, localClockToUtc, localDateOf, localMsOfDay, startOfLocalDay } from './local-time.ts'

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

export type Shift = 'current' | 'yesterday' | 'last_week'
export const SHIFTS: readonly Shift[] = ['current', 'yesterday', 'last_week']

export interface Period {
  window: WindowId
  shift: Shift
  /** Inclusive start, a whole minute (epoch ms). */
  lo: number
  /** Exclusive end (epoch ms): now, or now moved back a day or a week. */
  hi: number
}

export const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE_MS) * MINUTE_MS

const ROLLING_MS: Record<Exclude<WindowId, 'today'>, number> = { '15m': 15 * MINUTE_MS, '60m': 60 * MINUTE_MS }
const SHIFT_DAYS: Record<Shift, number> = { current: 0, yesterday: 1, last_week: 7 }

/** One window at one shift. */
export function periodOf(window: WindowId, shift: Shift, now: number, timeZone: string): Period {
  const days = SHIFT_DAYS[shift]
  if (window === 'today') {
    const date = addDays(localDateOf(timeZone, now), -days)
    const lo = startOfLocalDay(timeZone, date)
    // The same clock time on that date; never before the day's start.
    const hi = days === 0 ? now : Math.max(lo, localClockToUtc(timeZone, date, localMsOfDay(timeZone, now)))
    return { window, shift, lo, hi }
  }
  const hi = now - days * DAY_MS
  return { window, shift, lo: ceilMinute(hi - ROLLING_MS[window]), hi }
}

/** Every window at the given shifts, in WINDOWS order then shift order. */
export function periodsAt(now: number, timeZone: string, shifts: readonly Shift[]): Period[] {
  return WINDOWS.flatMap((w) => shifts.map((s) => periodOf(w, s, now, timeZone)))
}

/** How long a window is, for scaling monthly targets: today counts its elapsed part. */
export function windowLengthMs(window: WindowId, now: number, timeZone: string): number {
  if (window === 'today') return Math.max(0, now - periodOf('today', 'current', now, timeZone).lo)
  return ROLLING_MS[window]
}

/** The periods' spans merged into disjoint [lo, hi) ranges of minute buckets (a cheap WHERE). */
export function coveringRanges(periods: ReadonlyArray<Pick<Period, 'lo' | 'hi'>>): Array<{ lo: number; hi: number }> {
  const spans = periods.map((p) => ({ lo: p.lo, hi: ceilMinute(p.hi) })).sort((a, b) => a.lo - b.lo)
  const merged: Array<{ lo: number; hi: number }> = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last && s.lo <= last.hi) last.hi = Math.max(last.hi, s.hi)
    else merged.push({ ...s })
  }
  return merged
}
