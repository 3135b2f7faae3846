// Beside an alert on its detail (the server's `context`, server/alerting/
// alert-context.ts): the other open alerts of its rule or place, the active
// outages of its region (the outage that explains a surge) or the outage it is
// about, the orders it is about (an overdue team's orders, a district's
// overdue orders), each linked to the desk's drill-down with its timeline
// open; and the silences covering it, which a lead can end.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { AlertDetail, Silence } from '../../../schemas/alerts.ts'
import { ApiError } from '../api/http.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { longDate, timeOfDay } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useNames } from '../queries/territory-query.ts'
import { endSilence } from '../alerts/alert-api.ts'
import { severityWord, stateWord } from '../alerts/alert-words.ts'
import { searchOf, type Drill } from './drill.ts'
import { enumWord } from './enum-words.ts'
import { useMaySilence } from './SilenceAction.tsx'

/** The desk's address of a drill-down, in the language the page is in. */
function useDeskHref(): (drill: Drill) => string {
  const [current] = useSearchParams()
  return (drill) => `/desk?${searchOf(drill, current).toString()}`
}

function Entities({ alert }: { alert: AlertDetail }) {
  const { outages, workorders } = alert.context
  const names = useNames()
  const href = useDeskHref()
  const region = alert.labels.region
  const own = alert.labels.outage_id !== undefined
  if (region === undefined && !own && workorders === null) return null
  const outageFilters: Record<string, string> = own ? { q: alert.labels.outage_id } : { active: 'true', region: region ?? '' }
  return (
    <section className="desk__card alert-related" data-testid="alert-entities">
      <h2>{t('alert.entities')}</h2>
      {(own || region !== undefined) && (
        <>
          <h3>{own ? t('alert.ownOutage') : t('alert.outages', { r: names[region!] ?? region! })}</h3>
          {outages.length === 0 ? (
            <p className="hint">{t('alert.noOutages')}</p>
          ) : (
            <ul className="alert-related__list" data-testid="related-outages">
              {outages.map((o) => (
                <li key={o.outage_id} data-outage-id={o.outage_id}>
                  <Link to={href({ list: 'outages', filters: outageFilters, offset: 0, detail: `outage:${o.outage_id}` })}>{o.outage_id}</Link>{' '}
                  {t('alert.outageLine', { kind: enumWord('kind', o.kind), feeder: o.feeder, n: formatNumber(o.customers_affected) })}
                  {o.etr_overrun && <span className="sla sla--overdue"> ■ {t('f.etr_overrun')}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {workorders !== null && (
        <>
          <h3>
            {t('alert.orders', { j: t(workorders.judged === 'overdue' ? 'f.overdue' : 'f.at_risk'), n: workorders.total })} ·{' '}
            <Link data-testid="all-orders" to={href({ list: 'workorders', filters: workorders.filters, offset: 0, detail: null })}>
              {t('alert.allOrders')}
            </Link>
          </h3>
          {workorders.items.length === 0 ? (
            <p className="hint">{t('alert.noOrders')}</p>
          ) : (
            <ul className="alert-related__list" data-testid="related-orders">
              {workorders.items.map((w) => (
                <li key={w.workorder_id} data-workorder-id={w.workorder_id}>
                  <Link to={href({ list: 'workorders', filters: workorders.filters, offset: 0, detail: `workorder:${w.workorder_id}` })}>{w.workorder_id}</Link>{' '}
                  {enumWord('category', w.category)} · {names[w.region] ?? w.region} · {w.team ? (names[w.team] ?? w.team) : '—'} · {enumWord('milestone', w.milestone)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

function SilenceLine({ silence, zone, onEnded }: { silence: Silence; zone: string; onEnded: () => void }) {
  const may = useMaySilence()
  const [error, setError] = useState<string | null>(null)
  const end = async () => {
    setError(null)
    try {
      await endSilence(silence.id)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      onEnded()
    }
  }
  const until = Date.parse(silence.ends_at)
  return (
    <li data-silence-id={silence.id}>
      {t('silence.line', { who: silence.created_by, t: `${longDate(until, zone)} ${timeOfDay(until, zone)}`, c: silence.comment })} ·{' '}
      <span className="hint">{t('silence.matches', { m: Object.entries(silence.matchers).map(([k, v]) => `${k}=${v}`).join(', ') })}</span>
      {may && (
        <button type="button" className="button button--quiet" data-action="end-silence" onClick={() => void end()}>
          {t('silence.end')}
        </button>
      )}
      {error && (
        <span className="alert-actions__error" role="alert">
          {error}
        </span>
      )}
    </li>
  )
}

export function AlertRelated({ alert, zone, reread }: { alert: AlertDetail; zone: string; reread: () => void }) {
  const { related, silences } = alert.context
  return (
    <>
      {silences.length > 0 && (
        <section className="desk__card alert-related">
          <h2>{t('silence.list')}</h2>
          <ul className="alert-related__list" data-testid="alert-silences">
            {silences.map((s) => (
              <SilenceLine key={s.id} silence={s} zone={zone} onEnded={reread} />
            ))}
          </ul>
        </section>
      )}
      <Entities alert={alert} />
      <section className="desk__card alert-related">
        <h2>{t('alert.related')}</h2>
        {related.length === 0 ? (
          <p className="hint">{t('alert.noRelated')}</p>
        ) : (
          <ul className="alert-related__list" data-testid="related-alerts">
            {related.map((a) => (
              <li key={a.id} data-alert-id={a.id} data-state={a.state}>
                <span className={`inbox__sev inbox__sev--${a.severity}`}>{severityWord(a.severity)}</span> <Link to={`/desk/alerts/${encodeURIComponent(a.id)}`}>{a.summary}</Link> ·{' '}
                {stateWord(a.state)}
                {a.silenced && ` · ${t('az.silenced')}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
