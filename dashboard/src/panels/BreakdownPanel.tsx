// A KPI broken down by district, queue, category, outage kind or team, as
// ranked bars coloured by the status the server judged, where the KPI has
// thresholds.
import { useMemo } from 'react'
import type { PanelOptions } from '../../../schemas/layout.ts'
import type { KpiId, KpiStatus } from '../../../schemas/kpis.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { t, tOr } from '../i18n/dictionary.ts'
import { useNames } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'

const BAR: Record<KpiStatus, string> = { green: '#2ecf77', amber: '#ffb020', red: '#ff4d4f', none: '#3f8fe6' }
const MAX_BARS = 12

export function BreakdownPanel({ options, title }: { options: PanelOptions<'breakdown'>; title: string | null }) {
  const kpi = options.kpi as KpiId
  const window = options.window ?? 'today'
  const table = useSnapshotStore((s) => s.snapshot?.breakdowns[window]?.[options.by])
  const names = useNames()
  const rows = useMemo(() => {
    const prefix = options.by === 'category' ? 'cat.' : options.by === 'outage_kind' ? 'outage.' : null
    return Object.entries(table ?? {})
      .map(([code, cells]) => ({
        name: prefix ? tOr(`${prefix}${code}`, code) : (names[code] ?? code),
        value: cells[kpi]?.value ?? null,
        status: cells[kpi]?.status ?? 'none',
      }))
      .filter((r): r is { name: string; value: number; status: KpiStatus } => r.value !== null)
      .sort((a, b) => b.value - a.value)
      .slice(0, MAX_BARS)
  }, [table, names, kpi, options.by])
  const { ref, font } = useChartBox()
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!table) return null
    // Largest on top: the category axis runs bottom-up.
    const ordered = [...rows].reverse()
    return {
      grid: { left: 20, right: font * 6, top: 16, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', show: false, max: (v: { max: number }) => v.max * 1.05 || 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLabel: { color: '#dbe6f7', fontSize: font },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: font * 1.4,
          data: ordered.map((r) => ({
            value: r.value,
            itemStyle: { color: BAR[r.status], borderRadius: [0, 4, 4, 0] },
          })),
          label: { show: true, position: 'right', color: '#fff', fontSize: font, fontWeight: 700, formatter: (p: { value: number }) => formatKpiText(kpi, p.value) },
        },
      ],
    }
  }, [table, rows, kpi, font])
  useEChart(ref, option)
  return (
    <PanelFrame type="breakdown" title={title} ready={table !== undefined}>
      <div className="chart-box">
        <div ref={ref} className="chart-box__chart" />
        {table === undefined ? (
          <PanelMessage>{t('fresh.connecting')}</PanelMessage>
        ) : (
          rows.length === 0 && <PanelMessage>{t('breakdown.empty')}</PanelMessage>
        )}
      </div>
    </PanelFrame>
  )
}
