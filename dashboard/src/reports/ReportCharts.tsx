// Two small charts of a bulletin: alerts fired and customer-minutes lost by
// region, drawn from its figures (nothing judged here).
import { useMemo } from 'react'
import type { Bulletin } from '../../../schemas/bulletins.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { t } from '../i18n/dictionary.ts'
import { regionName } from './report-format.ts'

function bars(names: string[], values: number[], colour: string): EChartsCoreOption {
  return {
    textStyle: { fontSize: 13, color: '#a9bcd9' },
    grid: { left: 48, right: 12, top: 12, bottom: 56 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 35, fontSize: 12, color: '#a9bcd9' }, axisLine: { lineStyle: { color: '#1b3150' } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12, color: '#7890b3' }, splitLine: { lineStyle: { color: '#12243d' } } },
    series: [{ type: 'bar', data: values, itemStyle: { color: colour }, barMaxWidth: 28, animation: false }],
  }
}

function Chart({ title, option, id }: { title: string; option: EChartsCoreOption; id: string }) {
  const { ref } = useChartBox()
  useEChart(ref, option)
  return (
    <figure className="report__chart" data-testid={id}>
      <figcaption>{title}</figcaption>
      <div ref={ref} className="report__chart-box" />
    </figure>
  )
}

export function ReportCharts({ bulletin: b }: { bulletin: Bulletin }) {
  const alerts = useMemo(() => {
    const rows = b.alerts.by_region
    return bars(rows.map((r) => regionName(b, r.region)), rows.map((r) => r.fired), '#3fb6ff')
  }, [b])
  const outages = useMemo(() => {
    const rows = b.outages.by_region
    return bars(rows.map((r) => regionName(b, r.region)), rows.map((r) => Math.round(r.customer_minutes_lost)), '#ffb020')
  }, [b])
  if (b.alerts.by_region.length === 0 && b.outages.by_region.length === 0) return null
  return (
    <section className="report__charts">
      {b.alerts.by_region.length > 0 && <Chart id="report-chart-alerts" title={t('rep.chartAlerts')} option={alerts} />}
      {b.outages.by_region.length > 0 && <Chart id="report-chart-outages" title={t('rep.chartOutages')} option={outages} />}
    </section>
  )
}
