// A bulletin's alerts by rule and region (with time to acknowledge and to
// resolve), supervision orders by region and team with their timeliness,
// and outages by region with the largest ones.
import type { AlertFigures, Bulletin, OutageFigures, SupervisionFigures } from '../../../schemas/bulletins.ts'
import { t, tOr } from '../i18n/dictionary.ts'
import { useNames } from '../queries/territory-query.ts'
import { count, decimal, instant, percent, regionName } from './report-format.ts'

const alertCells = (f: AlertFigures) => [count(f.fired), count(f.acknowledged), count(f.resolved), decimal(f.ack_minutes_avg), decimal(f.ack_minutes_max), decimal(f.resolve_minutes_avg)]
const supervisionCells = (f: SupervisionFigures) => [count(f.issued), count(f.due), count(f.on_time)]
const outageCells = (f: OutageFigures) => [count(f.started), count(f.customers_affected), count(f.restored), count(f.active_at_end), decimal(f.minutes_lost), count(Math.round(f.customer_minutes_lost))]

function Nums({ cells }: { cells: string[] }) {
  return cells.map((c, i) => (
    <td key={i} className="num">
      {c}
    </td>
  ))
}

function Alerts({ b }: { b: Bulletin }) {
  return (
    <section className="desk__card report__section">
      <h2>{t('rep.alertsByRule')}</h2>
      {b.alerts.total.fired === 0 ? (
        <p className="hint">{t('rep.noAlerts')}</p>
      ) : (
        <table className="report__table" data-testid="report-alerts">
          <thead>
            <tr>
              <th>{t('rep.rule')}</th>
              <th>{t('rep.region')}</th>
              {(['rep.fired', 'rep.acknowledged', 'rep.resolved', 'rep.ackAvg', 'rep.ackMax', 'rep.resolveAvg'] as const).map((k) => (
                <th key={k} className="num">
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.alerts.rows.map((r) => (
              <tr key={`${r.rule_id}-${r.region}`}>
                <td>{r.rule_name}</td>
                <td>{regionName(b, r.region)}</td>
                <Nums cells={alertCells(r)} />
              </tr>
            ))}
            <tr className="report__total">
              <td>{t('rep.total')}</td>
              <td />
              <Nums cells={alertCells(b.alerts.total)} />
            </tr>
          </tbody>
        </table>
      )}
    </section>
  )
}

function Supervision({ b }: { b: Bulletin }) {
  const names = useNames()
  const s = b.supervision
  const row = (key: string, name: string, f: SupervisionFigures) => (
    <tr key={key}>
      <td>{name}</td>
      <Nums cells={supervisionCells(f)} />
      <td className={`num status-cell--${f.status}`}>{percent(f.timeliness)}</td>
    </tr>
  )
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        {(['rep.issued', 'rep.due', 'rep.onTime', 'rep.timeliness'] as const).map((k) => (
          <th key={k} className="num">
            {t(k)}
          </th>
        ))}
      </tr>
    </thead>
  )
  return (
    <section className="desk__card report__section">
      <h2>{t('rep.supervision')}</h2>
      {s.total.issued === 0 && s.total.due === 0 ? (
        <p className="hint">{t('rep.noSupervision')}</p>
      ) : (
        <>
          <p className="hint">{t('rep.replied', { r: s.total.replied, c: s.total.closed, x: s.total.returned })}</p>
          <div className="report__pair">
            <table className="report__table" data-testid="report-supervision">
              {head(t('rep.region'))}
              <tbody>
                {s.by_region.map((r) => row(r.region, regionName(b, r.region), r))}
                {row('total', t('rep.total'), s.total)}
              </tbody>
            </table>
            <table className="report__table">
              {head(t('rep.team'))}
              <tbody>{s.by_team.map((r) => row(r.team, names[r.team] ?? r.team, r))}</tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

function Outages({ b, zone }: { b: Bulletin; zone: string }) {
  const o = b.outages
  const heads = ['rep.started', 'rep.customers', 'rep.restored', 'rep.activeAtEnd', 'rep.minutesLost', 'rep.customerMinutes'] as const
  return (
    <section className="desk__card report__section">
      <h2>{t('rep.outages')}</h2>
      {o.total.started === 0 ? (
        <p className="hint">{t('rep.noOutages')}</p>
      ) : (
        <>
          <table className="report__table" data-testid="report-outages">
            <thead>
              <tr>
                <th>{t('rep.region')}</th>
                {heads.map((k) => (
                  <th key={k} className="num">
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {o.by_region.map((r) => (
                <tr key={r.region}>
                  <td>{regionName(b, r.region)}</td>
                  <Nums cells={outageCells(r)} />
                </tr>
              ))}
              <tr className="report__total">
                <td>{t('rep.total')}</td>
                <Nums cells={outageCells(o.total)} />
              </tr>
            </tbody>
          </table>
          <h3>{t('rep.largest')}</h3>
          <table className="report__table">
            <thead>
              <tr>
                <th>{t('rep.outage')}</th>
                <th>{t('rep.region')}</th>
                <th>{t('rep.kind')}</th>
                <th>{t('rep.startedAt')}</th>
                <th className="num">{t('rep.customers')}</th>
                <th className="num">{t('rep.minutesLost')}</th>
                <th className="num">{t('rep.customerMinutes')}</th>
              </tr>
            </thead>
            <tbody>
              {o.largest.map((x) => (
                <tr key={x.outage_id}>
                  <td>{x.outage_id}</td>
                  <td>{regionName(b, x.region)}</td>
                  <td>{tOr(`outage.${x.kind}`, x.kind)}</td>
                  <td>{instant(x.started_at, zone)}</td>
                  <Nums cells={[count(x.customers_affected), decimal(x.minutes_lost), count(Math.round(x.customer_minutes_lost))]} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

export function ReportSections({ bulletin, zone }: { bulletin: Bulletin; zone: string }) {
  return (
    <>
      <Alerts b={bulletin} />
      <Supervision b={bulletin} />
      <Outages b={bulletin} zone={zone} />
    </>
  )
}
