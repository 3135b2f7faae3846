// The breakdown on an alert's detail: the rule's KPI now, in its window, in
// each cell of the breakdown the alert is about (each region, or each team,
// queue, category…), from the live snapshot's breakdown (the figures the
// rule judged), with the alert's own cell highlighted. An alert of the whole
// territory shows the KPI by region, with nothing highlighted.
import type { AlertDetail } from '../../../schemas/alerts.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import type { WindowBreakdowns } from '../../../schemas/snapshot.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { useNames, useTerritory } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

export function AlertBreakdown({ alert }: { alert: AlertDetail }) {
  const facts = alert.context.rule
  const scope = alert.context.scope
  const names = useNames()
  const territory = useTerritory()
  const def = facts ? KPI_DEFINITIONS[facts.kpi] : null
  const breakdowns = def?.breakdowns as ReadonlyArray<keyof WindowBreakdowns> | undefined
  const own = scope?.dimension ?? null
  const dimension = breakdowns?.find((b) => b === own) ?? breakdowns?.find((b) => b === 'region') ?? null
  const table = useSnapshotStore((s) => (facts && dimension ? s.snapshot?.breakdowns[facts.window]?.[dimension] : undefined))
  if (!facts || !def) return null
  if (dimension === null) return <p className="hint">{t('alert.noBreakdown')}</p>
  // Regions in the territory's order; other breakdowns as the snapshot has them.
  const keys = dimension === 'region' && territory ? territory.regions.map((r) => r.code) : Object.keys(table ?? {}).sort()
  const highlighted = own === dimension ? scope!.key : null
  return (
    <section className="desk__card">
      <h2>{t('alert.breakdown', { d: t(`by.${dimension}` as WordKey), w: t(`window.${facts.window}` as WordKey) })}</h2>
      {table === undefined ? (
        <p className="hint">{t('fresh.connecting')}</p>
      ) : (
        <table className="region-table alert-breakdown" data-testid="alert-breakdown" data-by={dimension}>
          <tbody>
            {keys.map((key) => {
              const cell = table[key]?.[facts.kpi]
              const on = key === highlighted
              return (
                <tr key={key} data-key={key} data-on={on ? 'true' : undefined} className={on ? 'region-table__row--on' : ''}>
                  <th>{names[key] ?? key}</th>
                  <td className={`num status-text--${cell?.status ?? 'none'}`}>{formatKpiText(facts.kpi, cell?.value ?? null)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
