// A bulletin's KPIs by region against target (each value coloured by the
// status the server judged) and its worst items.
import type { Bulletin } from '../../../schemas/bulletins.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { count, kpiText, regionName } from './report-format.ts'

const label = (id: keyof typeof KPI_DEFINITIONS) => pick(KPI_DEFINITIONS[id].label_zh, KPI_DEFINITIONS[id].label_en)

export function ReportKpis({ bulletin: b }: { bulletin: Bulletin }) {
  return (
    <>
      <section className="desk__card report__section">
        <h2>{t('rep.kpis')}</h2>
        <div className="report__scroll">
          <table className="report__table report__kpis" data-testid="report-kpis">
            <thead>
              <tr>
                <th>{t('rep.kpi')}</th>
                <th className="num">{t('rep.target')}</th>
                <th className="num">{t('rep.total')}</th>
                {b.regions.map((r) => (
                  <th key={r.code} className="num">
                    {pick(r.name_zh, r.name_en)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.kpis.map((k) => (
                <tr key={k.id} data-kpi={k.id}>
                  <th scope="row">{label(k.id)}</th>
                  <td className="num">{k.target === null ? '—' : kpiText(k.id, k.target)}</td>
                  <td className={`num status-cell--${k.total.status}`}>{kpiText(k.id, k.total.value)}</td>
                  {b.regions.map((r) => {
                    const cell = k.regions[r.code]
                    return (
                      <td key={r.code} className={`num status-cell--${cell?.status ?? 'none'}`} data-region={r.code}>
                        {cell ? kpiText(k.id, cell.value) : '—'}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="desk__card report__section">
        <h2>{t('rep.worst')}</h2>
        {b.worst.length === 0 ? (
          <p className="hint">{t('rep.noWorst')}</p>
        ) : (
          <table className="report__table" data-testid="report-worst">
            <thead>
              <tr>
                <th>{t('rep.region')}</th>
                <th>{t('rep.kpi')}</th>
                <th className="num">{t('rep.value')}</th>
                <th className="num">{t('rep.target')}</th>
                <th className="num">{t('rep.volume')}</th>
              </tr>
            </thead>
            <tbody>
              {b.worst.map((w) => (
                <tr key={`${w.kpi}-${w.region}`}>
                  <td>{regionName(b, w.region)}</td>
                  <td>{label(w.kpi)}</td>
                  <td className={`num status-cell--${w.status}`}>{kpiText(w.kpi, w.value)}</td>
                  <td className="num">{w.target === null ? '—' : kpiText(w.kpi, w.target)}</td>
                  <td className="num">{w.volume === null ? '—' : count(w.volume)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
