// The ECharts option of the region map: districts filled by a KPI (by the
// status the server judged when the KPI has thresholds, on a blue scale when
// it has none) and labelled with name and value, and the active outages as
// points at their district's centroid, sized by customers affected.
import type { BreakdownCell, OutageBrief } from '../../../schemas/snapshot.ts'
import type { KpiId, KpiStatus, Thresholds } from '../../../schemas/kpis.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import type { RegisteredMap } from '../charts/geo.ts'
import { formatKpiText, formatNumber } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { lang } from '../i18n/lang.ts'

export const STATUS_FILL: Record<Exclude<KpiStatus, 'none'>, string> = { green: '#1d6b46', amber: '#8a6414', red: '#8f2429' }
const SHAPE: Record<KpiStatus, string> = { green: '●', amber: '▲', red: '■', none: '' }
export const SCALE_LOW = '#173353'
export const SCALE_HIGH = '#2f86e8'
const EMPTY_FILL = '#111c2c'

/** Whether cells of a KPI are coloured by status: it has thresholds (the server's, after the center's overrides). */
export const byStatus = (thresholds: Thresholds | undefined) => thresholds !== undefined && thresholds.good !== 'none'

function mix(a: string, b: string, f: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16))
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16))
  return `#${pa.map((v, i) => Math.round(v + (pb[i] - v) * f).toString(16).padStart(2, '0')).join('')}`
}

// Several outages in one district are spread in a row around its centroid.
function spread(center: [number, number], index: number, count: number, span: number): [number, number] {
  if (count <= 1) return center
  const step = span * 0.03
  return [center[0] + (index - (count - 1) / 2) * step, center[1]]
}

export const outageSize = (customers: number, font: number) => (font / 20) * Math.min(64, 14 + Math.sqrt(Math.max(0, customers)) * 0.4)

export function mapOption(args: {
  map: RegisteredMap
  kpi: KpiId
  cells: Record<string, BreakdownCell | undefined>
  /** Colour by status (true) or on a scale of the values (false). */
  statusColours: boolean
  names: Record<string, string>
  outages: OutageBrief[]
  /** Label size for the chart's size. */
  font: number
}): EChartsCoreOption {
  const { map, kpi, cells, statusColours, names, outages } = args
  // English district names are two to three times longer than Chinese ones.
  const font = lang() === 'en' ? Math.round(args.font * 0.75) : args.font
  const codes = Object.keys(map.centroids)
  const known = codes.map((c) => cells[c]?.value).filter((v): v is number => typeof v === 'number')
  const min = Math.min(...known)
  const max = Math.max(...known)
  const fill = (code: string) => {
    const v = cells[code]?.value
    if (typeof v !== 'number') return EMPTY_FILL
    if (statusColours) {
      const status = cells[code]?.status ?? 'none'
      return status === 'none' ? EMPTY_FILL : STATUS_FILL[status]
    }
    // Districts that all read the same are all high, or all low when that is nothing at all (a quiet night is not a hot map).
    return mix(SCALE_LOW, SCALE_HIGH, max > min ? (v - min) / (max - min) : max > 0 ? 1 : 0)
  }
  const label = (code: string) => {
    const v = cells[code]?.value ?? null
    const shape = statusColours && v !== null ? SHAPE[cells[code]?.status ?? 'none'] : ''
    return `{name|${names[code] ?? code}}\n{value|${shape ? `${shape} ` : ''}${formatKpiText(kpi, v)}}`
  }

  const perDistrict = new Map<string, number>()
  const points = outages.map((o) => {
    const n = perDistrict.get(o.region) ?? 0
    perDistrict.set(o.region, n + 1)
    return { o, n }
  })
  const data = points
    .filter(({ o }) => map.centroids[o.region])
    .map(({ o, n }) => {
      const key = o.key_customers_affected > 0
      return {
        name: o.outage_id,
        value: [...spread(map.centroids[o.region], n, perDistrict.get(o.region) ?? 1, map.span), o.customers_affected],
        symbol: key ? 'diamond' : 'circle',
        symbolSize: outageSize(o.customers_affected, font),
        itemStyle: { color: key ? '#ff3b3b' : o.kind === 'planned' ? '#ffb020' : '#ff7a45', borderColor: '#fff', borderWidth: key ? 3 : 1.5, opacity: 0.92 },
        label: { formatter: `${formatNumber(o.customers_affected)} ${t('unit.customers')}` },
      }
    })

  return {
    // Colours and labels change every tick; animating each change would keep
    // the chart redrawing for most of every second.
    animationDurationUpdate: 0,
    geo: {
      map: map.name,
      nameProperty: 'code',
      roam: false,
      silent: true,
      // Room above for the outage summary and below for the legends, so neither hides a district.
      top: font * 3,
      bottom: font * 4,
      left: 12,
      right: 12,
      itemStyle: { areaColor: EMPTY_FILL, borderColor: '#8fb4ea', borderWidth: 1.5 },
      label: {
        show: true,
        // Lifted a little, so an outage point can sit just below it.
        offset: [0, -font * 0.7],
        formatter: (p: { name: string }) => label(p.name),
        rich: {
          name: { color: '#e8f0ff', fontSize: font, fontWeight: 600, lineHeight: font * 1.3, textShadowColor: '#000', textShadowBlur: 4 },
          value: { color: '#ffffff', fontSize: font + 2, fontWeight: 700, lineHeight: font * 1.4, textShadowColor: '#000', textShadowBlur: 4 },
        },
      },
      regions: codes.map((code) => ({ name: code, itemStyle: { areaColor: fill(code) } })),
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        silent: true,
        data,
        // Below the district's own label (which sits at its centre), not on top of it.
        symbolOffset: [0, font * 1.7],
        label: {
          show: true,
          position: 'right',
          color: '#fff',
          fontSize: font - 2,
          fontWeight: 700,
          backgroundColor: 'rgba(60, 10, 10, 0.85)',
          padding: [2, 6],
          borderRadius: 4,
        },
        z: 5,
      },
    ],
  }
}
