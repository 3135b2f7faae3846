// Wall-clock arithmetic in the center's time zone, through Intl only: "today"
// starts at local midnight, and "the same time yesterday" is the same clock
// time on the previous local date, which on a DST change day is 23 or 25
// hours earlier, not 24. No offset is assumed (Asia/Shanghai is +08:00 all
// year, a center elsewhere may not be).

export interface LocalDate {
  year: number
  month: number
  day: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Throws a RangeError naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone)
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}" (expected an IANA name such as Asia/Shanghai)`)
  }
}

interface LocalParts extends LocalDate {
  hour: number
  minute: number
  second: number
}

function localParts(timeZone: string, utcMs: number): LocalParts {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second }
}

/** The zone's offset from UTC at an instant, in ms (whole seconds; Intl shows no finer). */
function offsetMs(timeZone: string, utcMs: number): number {
  const p = localParts(timeZone, utcMs)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

export function localDateOf(timeZone: string, utcMs: number): LocalDate {
  const { year, month, day } = localParts(timeZone, utcMs)
  return { year, month, day }
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

const sameDate = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day

// The instants that could show a given wall-clock time: the naive UTC reading
// minus each offset the zone has around it (offsets never exceed ±14 h).
function candidates(timeZone: string, naiveUtc: number): number[] {
  const offsets = new Set([-14, 0, 14].map((h) => offsetMs(timeZone, naiveUtc + h * 3_600_000)))
  return [...offsets].map((o) => naiveUtc - o).sort((a, b) => a - b)
}

/** The first instant of a local date: local midnight, or the end of a DST gap that skips midnight. */
export function startOfLocalDay(timeZone: string, date: LocalDate): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day)
  const onDate = candidates(timeZone, naive).filter((t) => sameDate(localDateOf(timeZone, t), date))
  // Any instant showing this date is at or after the day's first one; the
  // earliest candidate that shows it is that first instant.
  return onDate.length > 0 ? onDate[0] : naive - offsetMs(timeZone, naive)
}

/**
 * The instant a local date shows a clock time (ms since midnight). When the
 * time occurs twice (DST fall-back), the first; when it does not occur (a
 * spring-forward gap), the time read with the offset from before the gap,
 * which lands just after the jump as far as the gap is long.
 */
export function localClockToUtc(timeZone: string, date: LocalDate, msOfDay: number): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day) + msOfDay
  const all = candidates(timeZone, naive)
  const exact = all.filter((t) => t + offsetMs(timeZone, t) === naive)
  if (exact.length > 0) return exact[0]
  const later = all.filter((t) => t + offsetMs(timeZone, t) > naive)
  return later.length > 0 ? later[0] : all[all.length - 1]
}

/** Ms elapsed on the local clock since local midnight (the wall-clock time of day). */
export function localMsOfDay(timeZone: string, utcMs: number): number {
  const p = localParts(timeZone, utcMs)
  return ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (((utcMs % 1000) + 1000) % 1000)
}
