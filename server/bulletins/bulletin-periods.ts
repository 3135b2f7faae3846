// Which period a bulletin covers and when it is due, on the center's local
// calendar (server/kpi/local-time.ts, the KPI engine's own wall-clock
// arithmetic): the daily warning summary covers the previous local day and
// is due at its time each day; the weekly bulletin covers the previous
// Monday–Sunday and is due at its weekday and time. A period is
// [local midnight of its first day, local midnight after its last day).
import type { BulletinKind } from '../../schemas/bulletins.ts'
import { addDays, localClockToUtc, localDateOf, startOfLocalDay, type LocalDate } from '../kpi/local-time.ts'
import type { Span } from '../kpi/period-figures.ts'

/** When a kind is due: a time of day, and for the weekly one a weekday (0 Sunday … 6 Saturday). */
export interface DueTime {
  weekday?: number
  /** Minutes after local midnight. */
  minute: number
}

export interface BulletinPeriod extends Span {
  kind: BulletinKind
  /** First and last local day, YYYY-MM-DD. */
  start: string
  end: string
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
export const dateText = (d: LocalDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`

/** YYYY-MM-DD as a local date, or null when it is not a real date. */
export function parseDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  return dateText(addDays(date, 0)) === text ? date : null
}

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (d: LocalDate): number => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()

const DAYS: Record<BulletinKind, number> = { daily: 1, weekly: 7 }

/** The period of a kind that starts on a local date (a weekly one on a Monday: else RangeError). */
export function periodStarting(kind: BulletinKind, first: LocalDate, timeZone: string): BulletinPeriod {
  if (kind === 'weekly' && weekdayOf(first) !== 1) throw new RangeError(`a weekly bulletin starts on a Monday; ${dateText(first)} is not one`)
  const after = addDays(first, DAYS[kind])
  return {
    kind,
    start: dateText(first),
    end: dateText(addDays(after, -1)),
    lo: startOfLocalDay(timeZone, first),
    hi: startOfLocalDay(timeZone, after),
  }
}

/** The latest instant at or before `at` when a kind was due, and the period it covers. */
export function lastDue(kind: BulletinKind, due: DueTime, at: number, timeZone: string): { dueAt: number; period: BulletinPeriod } {
  let day = localDateOf(timeZone, at)
  const dueOn = (d: LocalDate) => localClockToUtc(timeZone, d, due.minute * 60_000)
  const isDueDay = (d: LocalDate) => kind === 'daily' || weekdayOf(d) === due.weekday
  while (!isDueDay(day) || dueOn(day) > at) day = addDays(day, -1)
  // Daily: the day before. Weekly: the last whole Monday–Sunday before the due day.
  const first = kind === 'daily' ? addDays(day, -1) : addDays(day, -((weekdayOf(day) + 6) % 7) - 7)
  return { dueAt: dueOn(day), period: periodStarting(kind, first, timeZone) }
}
