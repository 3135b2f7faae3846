// A panel of the layout, by type.
import type { PanelSpec } from '../../../schemas/layout.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { AlarmTicker } from './AlarmTicker.tsx'
import { AlertZonePanel } from './AlertZonePanel.tsx'
import { BreakdownPanel } from './BreakdownPanel.tsx'
import { CallCenterPanel } from './CallCenterPanel.tsx'
import { ClockPanel } from './ClockPanel.tsx'
import { KpiTiles } from './KpiTiles.tsx'
import { RegionMapPanel } from './RegionMapPanel.tsx'
import { TrendsPanel } from './TrendsPanel.tsx'
import { WorkordersPanel } from './WorkordersPanel.tsx'

const kpiLabel = (id: string) => {
  const def = KPI_DEFINITIONS[id as keyof typeof KPI_DEFINITIONS]
  return def ? pick(def.label_zh, def.label_en) : id
}
const windowLabel = (w: string | undefined) => t(`window.${w ?? 'today'}` as WordKey)

/** The panel's title, shown on its title line or, in a rotating zone, in the zone's header. */
export function panelTitle(spec: PanelSpec): string | null {
  switch (spec.type) {
    case 'call_center':
      return t('cc.title')
    case 'region_map':
      return t('map.title')
    case 'trends':
      return t('trend.title', { k: kpiLabel(spec.options.kpi), w: windowLabel(spec.options.window) })
    case 'breakdown':
      return t('breakdown.title', { k: kpiLabel(spec.options.kpi), b: t(`by.${spec.options.by}` as WordKey), w: windowLabel(spec.options.window) })
    case 'workorders':
      return t('wo.title')
    case 'alert_zone':
      return t('az.title')
    case 'kpi_tiles':
    case 'alarm_ticker':
    case 'clock':
      return null
  }
}

export function PanelView({ spec, showTitle }: { spec: PanelSpec; showTitle: boolean }) {
  const title = showTitle ? panelTitle(spec) : null
  switch (spec.type) {
    case 'kpi_tiles':
      return <KpiTiles options={spec.options} />
    case 'call_center':
      return <CallCenterPanel title={title} />
    case 'region_map':
      return <RegionMapPanel options={spec.options} title={title} />
    case 'trends':
      return <TrendsPanel options={spec.options} title={title} />
    case 'breakdown':
      return <BreakdownPanel options={spec.options} title={title} />
    case 'workorders':
      return <WorkordersPanel title={title} />
    case 'alarm_ticker':
      return <AlarmTicker />
    case 'alert_zone':
      return <AlertZonePanel title={title} />
    case 'clock':
      return <ClockPanel options={spec.options} />
  }
}
