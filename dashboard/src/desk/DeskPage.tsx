// /desk, the duty officer's desk: the live figures (the wall's own KPI tiles,
// judged alike) and the districts on the left, the drill-down list behind
// whatever was clicked on the right, with the timeline of one order or
// outage (or one supervision order) beside it; the alert inbox (AlertInbox.tsx) tops the right-hand
// column. The districts share their card with this shift and the operations
// log (SideTabs.tsx). What is drilled into lives in the address (drill.ts).
import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import type { KpiId } from '../../../schemas/kpis.ts'
import { toLogin } from '../access/to-login.ts'
import { t } from '../i18n/dictionary.ts'
import { ConnectionBanner } from '../live/ConnectionBanner.tsx'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'
import { FreshnessBadge } from '../panels/FreshnessBadge.tsx'
import { KpiTiles } from '../panels/KpiTiles.tsx'
import { AlertInbox } from './AlertInbox.tsx'
import { drillForKpi, drillFromSearch, searchOf, type Drill } from './drill.ts'
import { DrillList } from './DrillList.tsx'
import { EntityTimeline } from './EntityTimeline.tsx'
import { RegionTable } from './RegionTable.tsx'
import { SideTabs } from './SideTabs.tsx'
import { SupervisionDetail } from './SupervisionDetail.tsx'

const DESK_TILES: KpiId[] = [
  'workorders_overdue_now',
  'workorders_at_risk_now',
  'workorders_open_now',
  'outages_active',
  'customers_affected_now',
  'etr_overrun_now',
  'queue_now',
  'service_level',
  'abandonment_rate',
]

function Desk() {
  const [search, setSearch] = useSearchParams()
  const drill = drillFromSearch(search)
  const go = useCallback((next: Drill) => setSearch((current) => searchOf(next, current)), [setSearch])
  // A tile of the wall's panel opens the list behind its KPI.
  const onTiles = (e: React.MouseEvent) => {
    const kpi = (e.target as HTMLElement).closest('[data-kpi]')?.getAttribute('data-kpi')
    if (kpi) go(drillForKpi(kpi))
  }
  return (
    <main className="desk" data-view="desk">
      <title>{t('page.desk')}</title>
      <ConnectionBanner />
      <div className="desk__left">
        <section className="desk__card desk__kpis">
          <header className="desk__card-head">
            <h2>{t('desk.kpis')}</h2>
            <FreshnessBadge />
          </header>
          <div className="desk__tiles" onClick={onTiles} data-testid="desk-tiles">
            <KpiTiles options={{ kpis: DESK_TILES, window: 'today', columns: 3 }} />
          </div>
        </section>
        <SideTabs regions={<RegionTable go={go} selected={drill.filters.region} />} />
      </div>
      <div className="desk__right">
        <AlertInbox />
        <div className={`desk__drill${drill.detail ? ' desk__drill--with-detail' : ''}`}>
          <DrillList drill={drill} go={go} />
          {drill.detail?.startsWith('supervision:') ? (
            <SupervisionDetail key={drill.detail} id={drill.detail.slice('supervision:'.length)} drill={drill} go={go} />
          ) : (
            drill.detail && <EntityTimeline key={drill.detail} detail={drill.detail} drill={drill} go={go} />
          )}
        </div>
      </div>
    </main>
  )
}

export function DeskPage() {
  return (
    <LiveConnectionProvider onSessionEnded={toLogin}>
      <Desk />
    </LiveConnectionProvider>
  )
}
