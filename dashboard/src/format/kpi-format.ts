// How a KPI value reads on a screen: rates as percent, durations in the unit
// that keeps the number short, counts grouped for the locale, and a separate
// unit so the number can be drawn large and the unit small.
import { KPI_DEFINITIONS, type KpiId, type Thresholds } from '../../../schemas/kpis.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { locale } from '../i18n/lang.ts'

export interface Formatted {
  text: string
  unit: string
}

const formatters = new Map<string, Intl.NumberFormat>()
function nf(digits: number, compact = false): Intl.NumberFormat {
  const key = `${locale()}:${digits}:${compact}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale(), {
      maximumFractionDigits: digits,
      minimumFractionDigits: compact ? 0 : digits,
      ...(compact ? { notation: 'compact' as const } : {}),
    })
    formatters.set(key, f)
  }
  return f
}

export const formatNumber = (n: number, digits = 0): string => nf(digits).format(n)

const COUNT_UNITS: Partial<Record<KpiId, WordKey>> = {
  calls_offered: 'unit.calls',
  calls_answered: 'unit.calls',
  queue_now: 'unit.calls',
  outages_active: 'unit.outages',
  etr_overrun_now: 'unit.outages',
  workorders_open_now: 'unit.orders',
  workorders_overdue_now: 'unit.orders',
  workorders_at_risk_now: 'unit.orders',
}

function count(n: number): string {
  // Six digits and more do not fit a tile; 12.3万 / 123K do.
  return Math.abs(n) >= 100_000 ? nf(1, true).format(n) : nf(0).format(n)
}

/** Seconds as seconds below 100 s, minutes after. */
export function seconds(v: number): Formatted {
  return Math.abs(v) < 100 ? { text: nf(0).format(v), unit: t('unit.seconds') } : { text: nf(1).format(v / 60), unit: t('unit.minutes') }
}

/** Minutes as minutes below 100 min, hours after. */
export function minutes(v: number): Formatted {
  return Math.abs(v) < 100 ? { text: nf(0).format(v), unit: t('unit.minutes') } : { text: nf(1).format(v / 60), unit: t('unit.hours') }
}

export function formatKpi(id: KpiId, value: number | null): Formatted {
  if (value === null || !Number.isFinite(value)) return { text: '—', unit: '' }
  switch (KPI_DEFINITIONS[id].unit) {
    case 'ratio':
      return { text: nf(1).format(value * 100), unit: t('unit.percent') }
    case 'seconds':
      return seconds(value)
    case 'minutes':
      return minutes(value)
    case 'permille':
      return { text: nf(2).format(value), unit: t('unit.permille') }
    case 'per_million':
      return { text: nf(1).format(value), unit: t('unit.perMillion') }
    case 'customers':
      return { text: count(value), unit: t('unit.customers') }
    case 'agents':
      return { text: count(value), unit: t('unit.agents') }
    case 'count': {
      const unit = COUNT_UNITS[id]
      return { text: count(value), unit: unit ? t(unit) : '' }
    }
  }
}

/** One line: the number and its unit. */
export function formatKpiText(id: KpiId, value: number | null): string {
  const f = formatKpi(id, value)
  if (f.unit === '%' || f.unit === '‰' || f.unit === '') return `${f.text}${f.unit}`
  return `${f.text} ${f.unit}`
}

export interface Change {
  arrow: '▲' | '▼' | '＝'
  text: string
  /** Whether the move is good news, bad news or neither for this KPI. */
  tone: 'good' | 'bad' | 'neutral'
}

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** The change from yesterday's value, in the KPI's own unit (rates in percentage points); null unless both values are known. */
export function formatChange(id: KpiId, value: number | null, yesterday: number | null): Change | null {
  if (!known(value) || !known(yesterday)) return null
  const def = KPI_DEFINITIONS[id]
  const diff = value - yesterday
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '＝'
  const magnitude = Math.abs(diff)
  let text: string
  if (def.unit === 'ratio') text = `${nf(1).format(magnitude * 100)} ${t('tile.pp')}`
  else text = formatKpiText(id, magnitude)
  const good = def.thresholds.good
  const tone = diff === 0 || good === 'none' || good === 'range' ? 'neutral' : (diff > 0) === (good === 'higher') ? 'good' : 'bad'
  return { arrow, text, tone }
}

/**
 * A tile's line about yesterday: the change when both days have a value;
 * "昨日无数据" when yesterday has none (a missing figure is not a zero to
 * compare with); yesterday's own value when only today's is missing.
 */
export function formatVsYesterday(id: KpiId, value: number | null, yesterday: number | null): { text: string; tone: Change['tone'] } {
  if (!known(yesterday)) return { text: t('tile.noYesterday'), tone: 'neutral' }
  const change = formatChange(id, value, yesterday)
  if (!change) return { text: t('tile.yesterdayWas', { v: formatKpiText(id, yesterday) }), tone: 'neutral' }
  return { text: `${t('tile.vsYesterday')} ${change.arrow} ${change.text}`, tone: change.tone }
}

/** The target as a person reads it: "≥ 80%", "≤ 20 秒", "75%–90%" (the bands are the server's, after the center's overrides). */
export function formatTarget(id: KpiId, target: number | null, thresholds: Thresholds): string | null {
  if (thresholds.good === 'range') {
    const [lo, hi] = thresholds.amber
    return `${formatKpiText(id, lo)}–${formatKpiText(id, hi)}`
  }
  if (target === null) return null
  const op = thresholds.good === 'higher' ? '≥ ' : thresholds.good === 'lower' ? '≤ ' : ''
  return `${op}${formatKpiText(id, target)}`
}
