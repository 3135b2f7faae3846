// Trends: a KPI through today, against the same hours yesterday and on the
// same weekday last week, with its target. Refreshed every minute from the
// series endpoint.
import { useMemo } from 'react'
import type { PanelOptions } from '../../../schemas/layout.ts'
import { KPI_DEFINITIONS, type KpiId } from '../../../schemas/kpis.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { hoursMinutes } from '../format/center-time.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { useSeries, type SeriesPoint } from '../queries/series-query.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'

const DAY_MS = 24 * 3600_000
const LINES = [
  { key: 'today', word: 'trend.today', color: '#3fb6ff', width: 4, type: 'solid' },
  { key: 'yesterday', word: 'trend.yesterday', color: '#9aa8bd', width: 2.5, type: 'dashed' },
  { key: 'last_week', word: 'trend.lastWeek', color: '#b48cff', width: 2.5, type: 'dotted' },
] as const

function trendOption(kpi: KpiId, points: SeriesPoint[], wholeDay: boolean, zone: string, font: number): EChartsCoreOption {
  const def = KPI_DEFINITIONS[kpi]
  const start = points[0]?.at ?? 0
  const target = def.target !== null && def.target_period === undefined ? def.target : null
  return {
    grid: { left: font * 5.5, right: font * 2, top: font * 3.2, bottom: font * 2.4 },
    legend: {
      top: font * 0.4,
      left: font * 5.5,
      itemWidth: font * 1.6,
      itemHeight: font * 0.5,
      itemGap: font,
      textStyle: { color: '#c9d7ee', fontSize: font - 4 },
      data: LINES.map((l) => t(l.word)),
    },
    xAxis: {
      type: 'time',
      min: start,
      max: wholeDay ? start + DAY_MS : undefined,
      splitNumber: wholeDay ? 8 : 6,
      // Whole days are labelled every three hours: every two crowds the axis at wall-sized type.
      minInterval: wholeDay ? 3 * 3600_000 : undefined,
      axisLabel: { color: '#9fb3d1', fontSize: font - 2, formatter: (v: number) => hoursMinutes(v, zone) },
      axisLine: { lineStyle: { color: '#3a4f70' } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: def.unit !== 'count',
      axisLabel: { color: '#9fb3d1', fontSize: font - 2, formatter: (v: number) => formatKpiText(kpi, v) },
      splitLine: { lineStyle: { color: '#1f2f48' } },
    },
    series: LINES.map((l) => ({
      type: 'line',
      name: t(l.word),
      showSymbol: false,
      smooth: 0.3,
      connectNulls: false,
      lineStyle: { color: l.color, width: l.width, type: l.type },
      itemStyle: { color: l.color },
      areaStyle: l.key === 'today' ? { color: 'rgba(63,182,255,0.12)' } : undefined,
      data: points.map((p) => [p.at, p[l.key]]),
      z: l.key === 'today' ? 3 : 2,
      markLine:
        l.key === 'today' && target !== null
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#ffb020', type: 'dashed', width: 2 },
              label: { color: '#ffb020', fontSize: font - 2, formatter: `${t('tile.target')} ${formatKpiText(kpi, target)}`, position: 'insideEndTop' },
              data: [{ yAxis: target }],
            }
          : undefined,
    })),
  }
}

export function TrendsPanel({ options, title }: { options: PanelOptions<'trends'>; title: string | null }) {
  const kpi = options.kpi as KpiId
  const window = options.window ?? 'today'
  const series = useSeries(kpi, window)
  const zone = useTimeZone()
  const points = series.points
  const { ref, font } = useChartBox()
  const option = useMemo(() => (points ? trendOption(kpi, points, window === 'today', zone, font) : null), [kpi, points, window, zone, font])
  useEChart(ref, option)
  const empty = points !== null && points.every((p) => p.today === null && p.yesterday === null && p.last_week === null)
  return (
    <PanelFrame type="trends" title={title} ready={points !== null}>
      <div className="chart-box">
        <div ref={ref} className="chart-box__chart" />
        {points === null && (
          <PanelMessage tone={series.error ? 'warn' : 'quiet'}>
            {series.error ? t('trend.failed', { m: series.error }) : t('trend.loading')}
          </PanelMessage>
        )}
        {empty && <PanelMessage>{t('fresh.noData')}</PanelMessage>}
      </div>
    </PanelFrame>
  )
}
