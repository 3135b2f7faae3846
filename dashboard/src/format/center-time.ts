// Times and dates in the center's time zone (the territory's time_zone),
// whatever zone the wall's PC is set to.
import { t } from '../i18n/dictionary.ts'
import { locale } from '../i18n/lang.ts'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const cache = new Map<string, Intl.DateTimeFormat>()
function dtf(zone: string, kind: 'time' | 'date' | 'hm'): Intl.DateTimeFormat {
  const key = `${locale()}:${zone}:${kind}`
  let f = cache.get(key)
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : kind === 'hm'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }
    f = new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone })
    cache.set(key, f)
  }
  return f
}

export const timeOfDay = (ms: number, zone: string): string => dtf(zone, 'time').format(ms)
export const hoursMinutes = (ms: number, zone: string): string => dtf(zone, 'hm').format(ms)
export const longDate = (ms: number, zone: string): string => dtf(zone, 'date').format(ms)

/** A span for a person: "35分", "2小时5分", "1天3小时". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return t('duration.s', { n: s })
  const m = Math.floor(s / 60)
  if (m < 60) return t('duration.m', { n: m })
  const h = Math.floor(m / 60)
  if (h < 24) return t('duration.h', { n: h, m: m % 60 })
  return t('duration.d', { n: Math.floor(h / 24), h: h % 24 })
}

const offsetParts = new Map<string, Intl.DateTimeFormat>()
/** How far the center's clock is ahead of UTC at `ms` (Asia/Shanghai: 8 h). */
export function zoneOffsetMs(ms: number, zone: string): number {
  let f = offsetParts.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    offsetParts.set(zone, f)
  }
  const part: Record<string, number> = {}
  for (const p of f.formatToParts(ms)) part[p.type] = Number(p.value)
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second)
  return wall - (ms - (((ms % 1000) + 1000) % 1000))
}
