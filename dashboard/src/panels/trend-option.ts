// The ECharts option of a trend chart: the KPI through the window today,
// against the same hours yesterday and on the same weekday last week, with
// its target. A bucket with no data is null and draws no line; a comparison
// with no data at all draws nothing and says so in the legend ("上周同日（无数据）"),
// so an empty week never reads as a week of zeros. An alert's chart (the
// desk's alert detail) adds its fire and clear thresholds as levels and the
// moment it started as a vertical mark, drawn like the target.
import { KPI_DEFINITIONS, type KpiId } from '../../../schemas/kpis.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import { timeLabels } from '../charts/time-labels.ts'
import { hoursMinutes, zoneOffsetMs } from '../format/center-time.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import type { SeriesPoint } from '../queries/series-query.ts'

const DAY_MS = 24 * 3600_000
const LINES = [
  { key: 'today', word: 'trend.today', color: '#3fb6ff', width: 4, type: 'solid' },
  { key: 'yesterday', word: 'trend.yesterday', color: '#9aa8bd', width: 2.5, type: 'dashed' },
  { key: 'last_week', word: 'trend.lastWeek', color: '#b48cff', width: 2.5, type: 'dotted' },
] as const
const NO_DATA_TEXT = '#6f7f99'

export interface TrendChart {
  kpi: KpiId
  points: SeriesPoint[]
  /** The target line to draw (the server's, after the center's overrides), or null for none. */
  target: number | null
  /** The whole day (the today window): the axis runs from midnight to midnight. */
  wholeDay: boolean
  zone: string
  /** The chart's label size and width, in px. */
  font: number
  width: number
  /** More levels drawn across the plot (an alert's fire and clear thresholds), each with its label and colour. */
  levels?: ReadonlyArray<{ value: number; label: string; color: string }>
  /** Moments marked on the time axis (when an alert started), each with its label; one outside the axis is not drawn. */
  moments?: ReadonlyArray<{ at: number; label: string; color: string }>
}

/** The plot's margins in the chart, in units of the label size (the top one with the legend on one row). */
const GRID = { left: 5.5, right: 2, top: 3.2, bottom: 2.4 }

// A generous width for legend text: Chinese characters (and full-width
// brackets) are 1 em wide, other characters at most about 0.6 em.
const textWidth = (text: string, fontPx: number) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 1 : 0.6), 0) * fontPx

/**
 * How many rows the legend takes: ECharts wraps its items onto a new row when
 * the next does not fit, and a narrow chart (or the longer "（无数据）" names)
 * needs two or three, for which the plot moves down.
 */
function legendRows(names: string[], font: number, room: number): number {
  let rows = 1
  let used = 0
  for (const name of names) {
    const item = font * 1.6 + 5 + textWidth(name, font - 4)
    if (used > 0 && used + font + item > room) {
      rows++
      used = item
    } else {
      used += (used > 0 ? font : 0) + item
    }
  }
  return rows
}

/**
 * A line's points for ECharts: a value with no value on either side (the
 * first step with data after a gap, a lone step) is a line of no length and
 * would draw nothing, so it is drawn as a dot; the others are plain points.
 */
function lineData(points: SeriesPoint[], key: 'today' | 'yesterday' | 'last_week', dot: number) {
  return points.map((p, i) => {
    const value = p[key]
    const alone = value !== null && (points[i - 1]?.[key] ?? null) === null && (points[i + 1]?.[key] ?? null) === null
    return alone ? { value: [p.at, value], symbol: 'circle', symbolSize: dot } : [p.at, value]
  })
}

export function trendOption({ kpi, points, target, wholeDay, zone, font, width, levels = [], moments = [] }: TrendChart): EChartsCoreOption {
  const { unit } = KPI_DEFINITIONS[kpi]
  const start = points[0]?.at ?? 0
  const end = wholeDay ? start + DAY_MS : (points[points.length - 1]?.at ?? start)
  const axisFont = font - 2
  const labels = timeLabels({ start, end, plotWidth: width - (GRID.left + GRID.right) * font, fontPx: axisFont, offsetMs: zoneOffsetMs(start, zone) })
  const lines = LINES.map((l) => {
    const hasData = points.some((p) => p[l.key] !== null)
    return { ...l, hasData, name: hasData ? t(l.word) : t('trend.noDataLine', { l: t(l.word) }) }
  })
  // The legend starts above the plot when it fits there on one row; a narrow
  // chart starts it at the left edge and wraps it, moving the plot down a
  // line of text and the gap between rows for each row after the first.
  const names = lines.map((l) => l.name)
  const legendLeft = legendRows(names, font, width - (GRID.left + 0.5) * font) === 1 ? GRID.left : 0.5
  const extraRows = legendRows(names, font, width - (legendLeft + 0.5) * font) - 1
  // The target is drawn against today's line; with no figure today it would
  // only cross the "no data yet" notice. An alert's thresholds and start are
  // drawn whatever the data: they say what the rule judges. The empty list
  // clears a line drawn before (merged options would keep it otherwise).
  const level = (value: number, label: string, color: string) => ({
    yAxis: value,
    lineStyle: { color, type: 'dashed', width: 2 },
    label: { color, fontSize: axisFont, formatter: `${label} ${formatKpiText(kpi, value)}`, position: 'insideEndTop' },
  })
  const marks = [
    ...(target !== null && lines[0].hasData ? [level(target, t('tile.target'), '#ffb020')] : []),
    ...levels.map((l) => level(l.value, l.label, l.color)),
    ...moments
      .filter((m) => m.at >= start && m.at <= end)
      .map((m) => ({
        xAxis: m.at,
        lineStyle: { color: m.color, type: 'solid', width: 2 },
        label: { color: m.color, fontSize: axisFont, formatter: `${m.label} ${hoursMinutes(m.at, zone)}`, position: 'insideEndTop' },
      })),
  ]
  const markLine = { silent: true, symbol: 'none', data: marks }
  // A level is drawn only inside the axis, and ECharts sizes the axis by the
  // data alone: a fire threshold above every value would not show. The axis
  // reaches every level, with a little room above the highest for its label.
  const levelValues = levels.map((l) => l.value)
  const reach =
    levelValues.length === 0
      ? {}
      : {
          min: (e: { min: number }) => Math.min(...levelValues, ...(Number.isFinite(e.min) ? [e.min] : []), ...(unit === 'count' ? [0] : [])),
          max: (e: { min: number; max: number }) => {
            const dataMax = Number.isFinite(e.max) ? e.max : -Infinity
            const top = Math.max(dataMax, ...levelValues)
            if (top === dataMax) return top
            const bottom = Math.min(...levelValues, ...(Number.isFinite(e.min) ? [e.min] : []), ...(unit === 'count' ? [0] : []))
            return top + (top - bottom) * 0.1
          },
        }
  return {
    grid: { left: font * GRID.left, right: font * GRID.right, top: font * (GRID.top + extraRows * 2.3), bottom: font * GRID.bottom },
    legend: {
      top: font * 0.4,
      left: font * legendLeft,
      itemWidth: font * 1.6,
      itemHeight: font * 0.5,
      itemGap: font,
      textStyle: { color: '#c9d7ee', fontSize: font - 4 },
      data: lines.map((l) => (l.hasData ? { name: l.name } : { name: l.name, textStyle: { color: NO_DATA_TEXT } })),
    },
    xAxis: {
      type: 'time',
      min: start,
      max: end,
      axisLabel: {
        color: '#9fb3d1',
        fontSize: axisFont,
        customValues: labels,
        // The labels are spaced for their size already; this only guards against a font that draws wider than measured.
        hideOverlap: true,
        // Midnight at the end of the day is the day's end, not its start.
        formatter: (v: number) => (wholeDay && v === start + DAY_MS ? '24:00' : hoursMinutes(v, zone)),
      },
      axisTick: { customValues: labels },
      axisLine: { lineStyle: { color: '#3a4f70' } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: unit !== 'count',
      ...reach,
      // A count has no fractions: 0.2 calls would print as "0 通" five times.
      minInterval: unit === 'count' ? 1 : undefined,
      // A short panel has room for fewer values than ECharts picks.
      axisLabel: { color: '#9fb3d1', fontSize: axisFont, hideOverlap: true, formatter: (v: number) => formatKpiText(kpi, v) },
      splitLine: { lineStyle: { color: '#1f2f48' } },
    },
    series: lines.map((l) => ({
      type: 'line',
      name: l.name,
      // No symbol on a point, except a lone one's dot (lineData).
      symbol: 'none',
      smooth: 0.3,
      // A missing bucket is a gap in the line, never a drop to zero.
      connectNulls: false,
      lineStyle: { color: l.color, width: l.width, type: l.type },
      itemStyle: { color: l.color },
      areaStyle: l.key === 'today' ? { color: 'rgba(63,182,255,0.12)' } : undefined,
      data: l.hasData ? lineData(points, l.key, Math.max(6, font * 0.4)) : [],
      z: l.key === 'today' ? 3 : 2,
      markLine: l.key === 'today' ? markLine : undefined,
    })),
  }
}
