// One alert's page, where notification messages link (/desk/alerts/:id for
// the desk's channels, /lead/alerts/:id for the lead's pushes): its summary,
// state, value against threshold, on the desk its KPI's chart with the
// thresholds, its breakdown, related alerts and entities and the silences
// covering it, its history and every notification attempt
// (GET /api/v1/alerts/{id}), with the same actions as the inbox and, for
// leads, silencing. It follows
// the socket: any change of this alert reloads its detail. `home` is the
// page it belongs to: the way back, where related alerts link, and the
// layout (the lead's is one column for a phone, with large touch targets).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'react-router'
import type { AlertDetail } from '../../../schemas/alerts.ts'
import { ApiError } from '../api/http.ts'
import { longDate, timeOfDay } from '../format/center-time.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { ConnectionBanner } from '../live/ConnectionBanner.tsx'
import { useTimeZone } from '../queries/territory-query.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { AlertBreakdown } from '../desk/AlertBreakdown.tsx'
import { AlertChart } from '../desk/AlertChart.tsx'
import { AlertRelated } from '../desk/AlertRelated.tsx'
import { SilenceAction } from '../desk/SilenceAction.tsx'
import { SupervisionIssue } from '../desk/SupervisionIssue.tsx'
import { AlertActions } from './AlertActions.tsx'
import { severityWord, stateWord } from './alert-words.ts'
import { alertDetailKey, fetchAlertDetail } from './alert-api.ts'

export type AlertHome = 'desk' | 'lead'

/** 404, or 400 for an id that cannot be one (not a UUID): either way there is no such alert. */
const notFound = (err: unknown): boolean => err instanceof ApiError && (err.status === 404 || err.status === 400)
const historyWord = (kind: string): string => t(`inbox.h.${kind}` as WordKey)
const fmt = (v: number | null): string => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, ''))

function Detail({ alert, zone, reread, home }: { alert: AlertDetail; zone: string; reread: () => void; home: AlertHome }) {
  const at = (iso: string | null) => (iso ? `${longDate(Date.parse(iso), zone)} ${timeOfDay(Date.parse(iso), zone)}` : '—')
  return (
    <>
      <section className="desk__card alert-detail__head" data-state={alert.state}>
        <h1>
          <span className={`inbox__sev inbox__sev--${alert.severity}`}>{severityWord(alert.severity)}</span> {alert.summary}
        </h1>
        <dl className="alert-detail__facts">
          <dt>{t('inbox.stateFilter')}</dt>
          <dd data-testid="alert-state">
            {stateWord(alert.state)}
            {alert.state === 'firing' && <span className="inbox__marker"> ● {t('az.unacknowledged')}</span>}
            {alert.silenced && ` · ${t('az.silenced')}`}
          </dd>
          <dt>{t('inbox.rule')}</dt>
          <dd>
            {alert.rule_name} ({alert.rule_id})
          </dd>
          <dt>{t('inbox.valueVsThreshold')}</dt>
          <dd data-testid="alert-value">
            {fmt(alert.value)} / {fmt(alert.threshold)}
          </dd>
          <dt>{t('inbox.started')}</dt>
          <dd>{at(alert.started_at)}</dd>
          <dt>{t('inbox.fired')}</dt>
          <dd>{at(alert.fired_at)}</dd>
          {alert.acknowledged && (
            <>
              <dt>{t('inbox.state.acknowledged')}</dt>
              <dd>
                {alert.acknowledged.display_name} ({alert.acknowledged.by}) {at(alert.acknowledged.at)} {alert.acknowledged.comment && `· “${alert.acknowledged.comment}”`}
              </dd>
            </>
          )}
          {alert.resolved_at && (
            <>
              <dt>{t('inbox.state.resolved')}</dt>
              <dd>
                {at(alert.resolved_at)} {alert.resolved_by && `· ${alert.resolved_by.by}${alert.resolved_by.comment ? ` “${alert.resolved_by.comment}”` : ''}`}
              </dd>
            </>
          )}
          <dt>{t('inbox.escalation')}</dt>
          <dd>
            {t('inbox.tier', { n: alert.escalation.tier })}
            {alert.escalation.next_at && ` · ${t('az.escalatesAt', { at: timeOfDay(Date.parse(alert.escalation.next_at), zone) })}`}
          </dd>
          {alert.inhibited_by && (
            <>
              <dt>{t('inbox.inhibitedBy')}</dt>
              <dd>
                <Link to={`/${home}/alerts/${encodeURIComponent(alert.inhibited_by)}`}>{alert.inhibited_by}</Link>
              </dd>
            </>
          )}
          {Object.entries(alert.annotations).map(([k, v]) => (
            <div key={k} className="alert-detail__annotation">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="alert-detail__actions">
          <AlertActions alert={alert} onSettled={reread} layout={home === 'lead' ? 'touch' : 'row'} />
          <SilenceAction alert={alert} onSettled={reread} />
        </div>
        {alert.state !== 'resolved' && <SupervisionIssue targetType="alert" targetId={alert.id} label={alert.summary} />}
      </section>
      {home === 'desk' && (
        <>
          <AlertChart alert={alert} />
          <div className="alert-detail__cols">
            <div className="alert-detail__col">
              <AlertBreakdown alert={alert} />
            </div>
            <div className="alert-detail__col">
              <AlertRelated alert={alert} zone={zone} reread={reread} />
            </div>
          </div>
        </>
      )}
      <div className="alert-detail__cols">
        <section className="desk__card">
          <h2>{t('inbox.history')}</h2>
          <ol className="alert-detail__history" data-testid="alert-history">
            {alert.history.map((h, i) => (
              <li key={i} data-kind={h.kind}>
                <time>{at(h.at)}</time> <strong>{historyWord(h.kind)}</strong> · {h.actor === 'engine' ? t('inbox.engine') : h.actor}
                {h.comment && <span className="alert-detail__comment"> “{h.comment}”</span>}
              </li>
            ))}
          </ol>
        </section>
        <section className="desk__card">
          <h2>{t('inbox.notifications')}</h2>
          {alert.notifications.length === 0 ? (
            <p className="hint">{t('inbox.noNotifications')}</p>
          ) : (
            <table className="alert-detail__notifications" data-testid="alert-notifications">
              <thead>
                <tr>
                  <th>{t('inbox.n.at')}</th>
                  <th>{t('inbox.n.receiver')}</th>
                  <th>{t('inbox.n.reason')}</th>
                  <th>{t('inbox.n.attempt')}</th>
                  <th>{t('inbox.n.outcome')}</th>
                  <th>{t('inbox.n.error')}</th>
                </tr>
              </thead>
              <tbody>
                {/* One notification's attempt can be recorded twice (retrying, then its outcome): the position tells the rows apart. */}
                {alert.notifications.map((n, i) => (
                  <tr key={`${n.receiver_id}-${n.key}-${n.attempt}-${i}`} data-outcome={n.outcome}>
                    <td>{timeOfDay(Date.parse(n.at), zone)}</td>
                    <td>
                      {n.receiver_id} ({n.receiver_type})
                    </td>
                    <td>{t(`inbox.r.${n.reason}` as WordKey)}</td>
                    <td>{n.attempt}</td>
                    <td className={`alert-detail__outcome--${n.outcome}`}>{t(`inbox.o.${n.outcome}` as WordKey)}</td>
                    <td>{n.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  )
}

export function AlertDetailView({ id, home }: { id: string; home: AlertHome }) {
  const zone = useTimeZone()
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: alertDetailKey(id), queryFn: ({ signal }) => fetchAlertDetail(id, signal), retry: (n, err) => !notFound(err) && n < 2 })
  // The socket's copy of this alert: when it changes, the detail (history, attempts) is read again.
  const live = useAlarmStore((s) => s.alerts?.find((a) => a.id === id))
  const liveVersion = live ? `${live.state}|${live.acknowledged?.at ?? ''}|${live.resolved_at ?? ''}|${live.escalation.tier}|${live.silenced}` : null
  useEffect(() => {
    if (liveVersion !== null) void queryClient.invalidateQueries({ queryKey: alertDetailKey(id) })
  }, [liveVersion, id, queryClient])

  return (
    <main className={`${home} alert-detail`} data-view="alert-detail">
      <title>{t('inbox.detailTitle')}</title>
      <ConnectionBanner lost={home === 'lead' ? 'lead.disconnected' : 'desk.disconnected'} />
      <p>
        <Link to={`/${home}`} data-testid={`back-to-${home}`} className="alert-detail__back">
          ← {t(home === 'lead' ? 'inbox.backToLead' : 'inbox.backToDesk')}
        </Link>
      </p>
      {query.isPending ? (
        <p className="hint">{t('inbox.detailLoading')}</p>
      ) : query.isError ? (
        notFound(query.error) ? (
          <p className="hint" data-testid="alert-not-found">
            {t('inbox.notFound', { id })}
          </p>
        ) : (
          <p className="hint" role="alert" data-testid="alert-error">
            {t('inbox.detailFailed', { m: query.error.message })}
          </p>
        )
      ) : (
        <Detail alert={query.data} zone={zone} home={home} reread={() => void queryClient.invalidateQueries({ queryKey: alertDetailKey(id) })} />
      )}
    </main>
  )
}
