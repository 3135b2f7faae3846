// Values and instants as a person on duty reads them: a rate as a percent,
// durations with their unit, an instant in the center's time zone (never the
// server's), with the month and day so that a message read the next morning
// is not ambiguous.
import type { KpiUnit } from '../../../../schemas/kpis.ts'
import type { Words } from './words.ts'

const number = (value: number, digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value)
const digitsFor = (value: number) => (Math.abs(value) >= 100 ? 0 : 1)

/** A value in its KPI's unit; a plain number when the unit is not known. */
export function formatValue(value: number, unit: KpiUnit | null, words: Words): string {
  switch (unit) {
    case 'ratio':
      return `${number(value * 100, 1)}%`
    case 'seconds':
      return `${number(value, digitsFor(value))}${words.units.seconds}`
    case 'minutes':
      return `${number(value, digitsFor(value))}${words.units.minutes}`
    case 'permille':
      return `${number(value, 2)}‰`
    case 'per_million':
      return `${number(value, 1)}${words.units.perMillion}`
    case 'customers':
      return `${number(value, 0)}${words.units.customers}`
    case 'agents':
      return `${number(value, 0)}${words.units.agents}`
    case 'count':
      return number(value, 0)
    case null:
      return number(value, 2)
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** `MM-DD HH:mm` in `timeZone` (e.g. the center's Asia/Shanghai). */
export function formatInstant(iso: string, timeZone: string): string {
  let format = timeFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    timeFormats.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}
