// KPI tiles: for each KPI its value and unit in large numerals, the status
// (colour, shape and word), the target, the change against the same window
// yesterday, and a sparkline of today.
import { memo } from 'react'
import type { PanelOptions } from '../../../schemas/layout.ts'
import { KPI_DEFINITIONS, type KpiId, type WindowId } from '../../../schemas/kpis.ts'
import { formatKpi, formatTarget, formatVsYesterday } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useSeries } from '../queries/series-query.ts'
import { useNowHistory } from '../stores/now-history-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { Sparkline } from './Sparkline.tsx'
import { StatusBadge } from './StatusBadge.tsx'

function useTrail(id: KpiId, window: WindowId): Array<number | null> {
  const windowed = KPI_DEFINITIONS[id].kind === 'windowed'
  const series = useSeries(id, window === 'today' ? 'today' : '60m', windowed)
  const history = useNowHistory(id)
  if (!windowed) return history ?? []
  return series.points?.map((p) => p.today) ?? []
}

const KpiTile = memo(function KpiTile({ id, window }: { id: KpiId; window: WindowId }) {
  const cell = useSnapshotStore((s) => s.snapshot?.windows[window]?.[id])
  const thresholds = useSnapshotStore((s) => s.snapshot?.targets[id]?.thresholds)
  const trail = useTrail(id, window)
  const def = KPI_DEFINITIONS[id]
  const status = cell?.status ?? 'none'
  const value = formatKpi(id, cell?.value ?? null)
  const target = thresholds ? formatTarget(id, cell?.target ?? null, thresholds) : null
  // Nothing about yesterday until the tile has its figures.
  const vsYesterday = cell ? formatVsYesterday(id, cell.value, cell.yesterday) : null
  return (
    <div className={`tile tile--${status}`} data-kpi={id} data-status={status}>
      <div className="tile__head">
        <span className="tile__label">{pick(def.label_zh, def.label_en)}</span>
        <span className="tile__window">{t(`window.${window}`)}</span>
      </div>
      <div className="tile__value">
        <span className="tile__number" data-testid={`kpi-value-${id}`}>
          {value.text}
        </span>
        {value.unit && <span className="tile__unit">{value.unit}</span>}
        <StatusBadge status={status} />
      </div>
      <div className="tile__meta">
        <span className="tile__target">{target ? `${t('tile.target')} ${target}` : t('tile.noTarget')}</span>
        <span className={`tile__change tile__change--${vsYesterday?.tone ?? 'neutral'}`}>
          {vsYesterday?.text}
        </span>
      </div>
      <Sparkline values={trail} tone={status} />
    </div>
  )
})

export function KpiTiles({ options }: { options: PanelOptions<'kpi_tiles'> }) {
  const ready = useSnapshotStore((s) => s.snapshot !== null)
  const window = options.window ?? 'today'
  const kpis = options.kpis as KpiId[]
  const columns = options.columns ?? Math.ceil(Math.sqrt(kpis.length * 2))
  return (
    <div className="panel panel--kpi_tiles" data-panel="kpi_tiles" data-ready={ready ? 'true' : 'false'}>
      <div className="tiles" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {kpis.map((id) => (
          <KpiTile key={id} id={id} window={window} />
        ))}
      </div>
    </div>
  )
}
