// Time arithmetic in epoch milliseconds, and the territory's local time of
// day, which drives every diurnal curve.

export const SECOND = 1_000
export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

/** Offset of `timeZone` from UTC at `at`, in ms (Asia/Shanghai: +8 h). */
export function utcOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return local - Math.floor(at / SECOND) * SECOND
}

/**
 * Local time with the offset the zone has at the start of the run. China has
 * no daylight saving time; for zones that do, curves shift by an hour after a
 * transition until the simulator is restarted.
 */
export class LocalClock {
  readonly offset: number

  constructor(readonly timeZone: string, at: number) {
    this.offset = utcOffsetMs(timeZone, at)
  }

  /** Hour of the local day as a fraction, in [0, 24). */
  hour(ms: number): number {
    return ((((ms + this.offset) % DAY) + DAY) % DAY) / HOUR
  }

  /** Local day number (days since 1970-01-01 local). */
  day(ms: number): number {
    return Math.floor((ms + this.offset) / DAY)
  }

  /** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
  weekday(ms: number): number {
    return (((this.day(ms) + 4) % 7) + 7) % 7
  }

  /** UTC ms of local midnight starting local day `day`. */
  dayStart(day: number): number {
    return day * DAY - this.offset
  }
}
