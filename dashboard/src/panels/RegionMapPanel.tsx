// Region map: the territory's districts coloured by a chosen KPI, with the
// active outages drawn where they are, sized by the customers they affect.
import { useMemo } from 'react'
import type { PanelOptions } from '../../../schemas/layout.ts'
import { KPI_DEFINITIONS, type KpiId } from '../../../schemas/kpis.ts'
import { registerGeo, type RegisteredMap } from '../charts/geo.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { formatKpiText, formatNumber } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useGeoJsonMap } from '../queries/geojson-query.ts'
import { useNames, useTerritory } from '../queries/territory-query.ts'
import type { BreakdownCell } from '../../../schemas/snapshot.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { byStatus, mapOption, SCALE_HIGH, SCALE_LOW, STATUS_FILL } from './map-option.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'

function useGeo(url: string | undefined): { map: RegisteredMap | null; error: string | null } {
  const territory = useTerritory()
  const external = useGeoJsonMap(url)
  const own = useMemo(() => (territory ? registerGeo('territory', territory.geojson) : null), [territory])
  return url ? external : { map: own, error: null }
}

function Legend({ kpi, cells, statusColours }: { kpi: KpiId; cells: Record<string, BreakdownCell | undefined>; statusColours: boolean }) {
  if (statusColours) {
    return (
      <div className="map-legend">
        <span className="map-legend__item"><i style={{ background: STATUS_FILL.green }} />● {t('status.green')}</span>
        <span className="map-legend__item"><i style={{ background: STATUS_FILL.amber }} />▲ {t('status.amber')}</span>
        <span className="map-legend__item"><i style={{ background: STATUS_FILL.red }} />■ {t('status.red')}</span>
      </div>
    )
  }
  const known = Object.values(cells).map((c) => c?.value).filter((v): v is number => typeof v === 'number')
  if (known.length === 0) return null
  return (
    <div className="map-legend">
      <span>{formatKpiText(kpi, Math.min(...known))}</span>
      <i className="map-legend__scale" style={{ background: `linear-gradient(90deg, ${SCALE_LOW}, ${SCALE_HIGH})` }} />
      <span>{formatKpiText(kpi, Math.max(...known))}</span>
    </div>
  )
}

export function RegionMapPanel({ options, title }: { options: PanelOptions<'region_map'>; title: string | null }) {
  const kpi = options.kpi as KpiId
  const window = options.window ?? 'today'
  const { map, error } = useGeo(options.geojson_url)
  const region = useSnapshotStore((s) => s.snapshot?.breakdowns[window]?.region)
  const outages = useSnapshotStore((s) => s.snapshot?.current.outages)
  const customers = useSnapshotStore((s) => s.snapshot?.windows.today.customers_affected_now?.value ?? null)
  const active = useSnapshotStore((s) => s.snapshot?.windows.today.outages_active?.value ?? null)
  const thresholds = useSnapshotStore((s) => s.snapshot?.targets[kpi]?.thresholds)
  const statusColours = byStatus(thresholds)
  const names = useNames()
  const cells = useMemo(() => {
    const out: Record<string, BreakdownCell | undefined> = {}
    for (const [code, row] of Object.entries(region ?? {})) out[code] = row[kpi]
    return out
  }, [region, kpi])
  const { ref, font } = useChartBox()
  const option = useMemo(
    () => (map && outages ? mapOption({ map, kpi, cells, statusColours, names, outages, font }) : null),
    [map, kpi, cells, statusColours, names, outages, font],
  )
  useEChart(ref, option)
  const def = KPI_DEFINITIONS[kpi]
  const ready = option !== null
  const count = active ?? outages?.length ?? 0
  return (
    <PanelFrame
      type="region_map"
      title={title}
      ready={ready}
      aside={t('map.colouredBy', { k: pick(def.label_zh, def.label_en), w: t(`window.${window}`) })}
    >
      <div className="map">
        <div ref={ref} className="map__chart" />
        {!map ? (
          <PanelMessage tone={error ? 'warn' : 'quiet'}>{error ? t('map.failed', { m: error }) : t('map.loading')}</PanelMessage>
        ) : (
          !outages && <PanelMessage>{t('fresh.connecting')}</PanelMessage>
        )}
        {/* "No active outages" is said only about figures the wall has, never while it waits for them. */}
        {outages && (
          <div className={`map__summary${count > 0 ? ' map__summary--active' : ''}`}>
            {count > 0 ? t('map.outages', { n: formatNumber(count), c: formatNumber(customers ?? 0) }) : t('map.noOutages')}
          </div>
        )}
        <div className="map__keys">
          <Legend kpi={kpi} cells={cells} statusColours={statusColours} />
          <div className="map-legend">
            <span className="map-legend__item"><b className="dot" />{t('map.pointSize')}</span>
            <span className="map-legend__item"><b className="dot dot--key" />{t('map.key')}</span>
          </div>
        </div>
      </div>
    </PanelFrame>
  )
}
