// How a bulletin's figures read on its page: a KPI's value in its unit (the
// tiles' own formatting), counts and minutes for the locale, instants in the
// bulletin's zone, a region by its name.
import type { Bulletin } from '../../../schemas/bulletins.ts'
import type { KpiId } from '../../../schemas/kpis.ts'
import { longDate, timeOfDay } from '../format/center-time.ts'
import { formatKpi, formatNumber } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'

export const kpiText = (id: KpiId, value: number | null): string => {
  const f = formatKpi(id, value)
  return f.text === '—' ? '—' : `${f.text}${f.unit ? ` ${f.unit}` : ''}`
}

export const count = (n: number): string => formatNumber(n)
export const decimal = (n: number | null): string => (n === null ? '—' : formatNumber(n, 1))
export const percent = (n: number | null): string => (n === null ? t('rep.noData') : `${formatNumber(n * 100, 1)}%`)
export const instant = (iso: string, zone: string): string => `${longDate(Date.parse(iso), zone)} ${timeOfDay(Date.parse(iso), zone)}`

/** A region's name as the bulletin recorded it; '' is the whole territory. */
export function regionName(b: Bulletin, code: string): string {
  if (code === '') return t('rep.total')
  const r = b.regions.find((x) => x.code === code)
  return r ? pick(r.name_zh, r.name_en) : code
}

export const periodText = (start: string, end: string): string => (start === end ? start : `${start} – ${end}`)
