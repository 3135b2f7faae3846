// Trends: a KPI through today, against the same hours yesterday and on the
// same weekday last week, with its target (trend-option.ts draws it).
// Refreshed every minute from the series endpoint.
import { useMemo } from 'react'
import type { PanelOptions } from '../../../schemas/layout.ts'
import type { KpiId } from '../../../schemas/kpis.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { t } from '../i18n/dictionary.ts'
import { useSeries } from '../queries/series-query.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'
import { trendOption } from './trend-option.ts'

export function TrendsPanel({ options, title }: { options: PanelOptions<'trends'>; title: string | null }) {
  const kpi = options.kpi as KpiId
  const window = options.window ?? 'today'
  const series = useSeries(kpi, window)
  const zone = useTimeZone()
  const points = series.points
  // A monthly target (complaint rates) is not a level a per-step line can be held against.
  const target = useSnapshotStore((s) => {
    const targets = s.snapshot?.targets[kpi]
    return targets && targets.target_period === null ? targets.target : null
  })
  const { ref, font, width } = useChartBox()
  const option = useMemo(
    () => (points ? trendOption({ kpi, points, target, wholeDay: window === 'today', zone, font, width }) : null),
    [kpi, points, target, window, zone, font, width],
  )
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
