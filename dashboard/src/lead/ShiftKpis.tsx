// The headline figures a shift lead checks in the corridor, from the live
// snapshot the server judged: each value with its status (shape, word and
// colour, panels/StatusBadge.tsx) and its target, as the wall and the desk
// show them. The page renders the server's status; it never judges a value.
// The window is today: the snapshot has no per-shift window yet.
import type { KpiId } from '../../../schemas/kpis.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { formatKpi, formatTarget } from '../format/kpi-format.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { FreshnessBadge } from '../panels/FreshnessBadge.tsx'
import { StatusBadge } from '../panels/StatusBadge.tsx'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

const HEADLINE: KpiId[] = [
  'service_level',
  'abandonment_rate',
  'queue_now',
  'workorders_overdue_now',
  'workorders_at_risk_now',
  'outages_active',
  'customers_affected_now',
  'etr_overrun_now',
  'satisfaction_rate',
]

function KpiLine({ id }: { id: KpiId }) {
  const cell = useSnapshotStore((s) => s.snapshot?.windows.today?.[id])
  const thresholds = useSnapshotStore((s) => s.snapshot?.targets[id]?.thresholds)
  const status = cell?.status ?? 'none'
  const value = formatKpi(id, cell?.value ?? null)
  const target = thresholds ? formatTarget(id, cell?.target ?? null, thresholds) : null
  const def = KPI_DEFINITIONS[id]
  return (
    <li className={`lead-kpi lead-kpi--${status}`} data-kpi={id} data-status={status}>
      <span className="lead-kpi__label">{pick(def.label_zh, def.label_en)}</span>
      <span className="lead-kpi__value">
        {value.text}
        {value.unit && <small>{value.unit}</small>}
      </span>
      <StatusBadge status={status} />
      <span className="lead-kpi__target">{target ? t('lead.target', { v: target }) : t('tile.noTarget')}</span>
    </li>
  )
}

export function ShiftKpis() {
  const ready = useSnapshotStore((s) => s.snapshot !== null)
  return (
    <section className="desk__card lead__card" data-testid="lead-kpis" aria-label={t('lead.kpis')}>
      <header className="lead__card-head">
        <h2>{t('lead.kpis')}</h2>
        <FreshnessBadge />
      </header>
      {ready ? (
        <ul className="lead__kpis">
          {HEADLINE.map((id) => (
            <KpiLine key={id} id={id} />
          ))}
        </ul>
      ) : (
        <p className="hint">{t('lead.kpisWaiting')}</p>
      )}
    </section>
  )
}
