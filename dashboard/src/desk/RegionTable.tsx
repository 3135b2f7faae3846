// The districts at a glance: for each, the figures the desk drills into most
// (overdue and at-risk orders, open orders, active outages and customers off
// supply), as the snapshot's region breakdown counts them. Every figure opens
// the list of what it counts in that district, so the list's total is the
// figure.
import type { KpiId } from '../../../schemas/kpis.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { pick } from '../i18n/lang.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { t } from '../i18n/dictionary.ts'
import { useTerritory } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { drillForKpi, type Drill } from './drill.ts'

const REGION_KPIS: KpiId[] = ['workorders_overdue_now', 'workorders_at_risk_now', 'workorders_open_now', 'outages_active', 'customers_affected_now', 'etr_overrun_now']

export function RegionTable({ go, selected }: { go: (next: Drill) => void; selected: string | undefined }) {
  const territory = useTerritory()
  const byRegion = useSnapshotStore((s) => s.snapshot?.breakdowns.today.region)
  if (!territory || !byRegion) return <p className="drill__message">{t('fresh.connecting')}</p>
  return (
    <table className="region-table" data-testid="region-table">
      <thead>
        <tr>
          <th>{t('desk.region')}</th>
          {REGION_KPIS.map((k) => (
            <th key={k} className="num">
              {pick(KPI_DEFINITIONS[k].label_zh, KPI_DEFINITIONS[k].label_en)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {territory.regions.map((r) => (
          <tr key={r.code} data-region={r.code} className={selected === r.code ? 'region-table__row--on' : ''}>
            <th>{pick(r.name_zh, r.name_en)}</th>
            {REGION_KPIS.map((k) => {
              const cell = byRegion[r.code]?.[k]
              const value = cell?.value ?? null
              return (
                <td key={k} className={`num status-text--${cell?.status ?? 'none'}`}>
                  <button
                    type="button"
                    className="cell-button"
                    data-kpi={k}
                    data-value={value === null ? '' : String(value)}
                    onClick={() => go(drillForKpi(k, { by: 'region', key: r.code }))}
                  >
                    <b>{value === null ? '—' : formatNumber(value)}</b>
                  </button>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
