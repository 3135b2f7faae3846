// The desk's alert inbox: the live alerts (the socket's `alerts` list and
// each `alert` change, stores/alarm-store.ts), most serious first, the
// unacknowledged marked so they cannot be missed, with their age, filters
// (severity, region, rule, state, mine) and the actions the role allows on
// each (silencing too, for leads). An action's result comes back over the
// socket to every screen at once.
import { useEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { Alert } from '../../../schemas/alerts.ts'
import { duration, hoursMinutes } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useServerNow } from '../live/server-now.ts'
import { useNames, useTimeZone } from '../queries/territory-query.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { usePerson } from '../stores/session-store.ts'
import { AlertActions } from '../alerts/AlertActions.tsx'
import { severityWord, stateWord } from '../alerts/alert-words.ts'
import { ALL, filterChoices, inboxAlerts, needsAcknowledging, sinceOf, unacknowledgedCounts, type InboxFilter, type StateFilter } from '../alerts/inbox.ts'
import { askNotificationPermission, useCriticalNotifier, useNotificationPermission } from '../alerts/critical-notifier.ts'
import { SilenceAction } from './SilenceAction.tsx'

const SEVERITIES = ['all', 'critical', 'warning', 'info'] as const
/** A new critical alert sounds and, in the background, opens its detail on the desk. */
const DESK_NOTIFIER = { alertPath: (id: string) => `/desk/alerts/${encodeURIComponent(id)}`, sound: true }
const STATES: StateFilter[] = ['open', 'firing', 'pending', 'acknowledged', 'resolved']

function AlertRow({ alert, now, zone }: { alert: Alert; now: number; zone: string }) {
  const unacked = needsAcknowledging(alert)
  return (
    <li
      className={`inbox__row inbox__row--${alert.severity}${unacked ? ' inbox__row--unacked' : ''}`}
      data-alert-id={alert.id}
      data-state={alert.state}
      data-severity={alert.severity}
      data-rule={alert.rule_id}
      data-region={alert.labels.region ?? ''}
    >
      <div className="inbox__line">
        {unacked && (
          <span className="inbox__marker" data-testid="unacked-marker">
            ● {t('az.unacknowledged')}
          </span>
        )}
        <span className={`inbox__sev inbox__sev--${alert.severity}`}>{severityWord(alert.severity)}</span>
        <Link className="inbox__summary" to={`/desk/alerts/${encodeURIComponent(alert.id)}`}>
          {alert.summary}
        </Link>
        <span className="inbox__age" title={new Date(sinceOf(alert)).toISOString()}>
          {t('inbox.age', { d: duration(now - sinceOf(alert)) })}
        </span>
      </div>
      <div className="inbox__line inbox__line--sub">
        <span className="inbox__state">{stateWord(alert.state)}</span>
        {alert.acknowledged && (
          <span className="inbox__who">
            {t('inbox.ackedBy', { who: alert.acknowledged.display_name, t: hoursMinutes(Date.parse(alert.acknowledged.at), zone) })}
            {alert.acknowledged.comment ? ` · “${alert.acknowledged.comment}”` : ''}
          </span>
        )}
        {alert.silenced && <span className="inbox__flag">{t('az.silenced')}</span>}
        <AlertActions alert={alert} />
        <SilenceAction alert={alert} />
      </div>
    </li>
  )
}

export function AlertInbox() {
  const alerts = useAlarmStore((s) => s.alerts)
  const person = usePerson()
  // Ages are counted on the server's clock, as every figure on the desk is.
  const now = useServerNow()
  const zone = useTimeZone()
  const [filter, setFilter] = useState<InboxFilter>(ALL)
  const shown = useMemo(() => (alerts ? inboxAlerts(alerts, filter) : null), [alerts, filter])
  const choices = useMemo(() => filterChoices(alerts ?? [], filter), [alerts, filter])
  const names = useNames()
  const counts = useMemo(() => unacknowledgedCounts(alerts ?? []), [alerts])
  const permission = useNotificationPermission()
  useCriticalNotifier(alerts, DESK_NOTIFIER)
  // "A" (outside a field) takes the comment field of the first unacknowledged alert: A, the comment, Enter.
  const box = useRef<HTMLElement>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'a' && e.key !== 'A') return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return
      const field = box.current?.querySelector<HTMLInputElement>('.inbox__row--unacked input[name="comment"]')
      if (!field) return
      e.preventDefault()
      field.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  return (
    <section ref={box} className="desk__card desk__inbox" data-testid="alert-inbox" aria-label={t('desk.inbox')}>
      <header className="desk__card-head">
        <h2>
          {t('desk.inbox')}
          {counts.critical + counts.warning + counts.info > 0 && (
            <span className="inbox__count" data-testid="unacked-count" title={t('inbox.keyHint')}>
              {t('inbox.unackedCount', { n: counts.critical + counts.warning + counts.info })}
            </span>
          )}
        </h2>
        <div className="inbox__filters">
          <select name="severity" aria-label={t('inbox.severity')} value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as InboxFilter['severity'] })}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('inbox.allSeverities') : severityWord(s)}
              </option>
            ))}
          </select>
          <select name="region" aria-label={t('inbox.regionFilter')} value={filter.region} onChange={(e) => setFilter({ ...filter, region: e.target.value })}>
            <option value="all">{t('inbox.allRegions')}</option>
            {choices.regions.map((code) => (
              <option key={code} value={code}>
                {names[code] ?? code}
              </option>
            ))}
          </select>
          <select name="rule" aria-label={t('inbox.ruleFilter')} value={filter.rule} onChange={(e) => setFilter({ ...filter, rule: e.target.value })}>
            <option value="all">{t('inbox.allRules')}</option>
            {choices.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <select name="state" aria-label={t('inbox.stateFilter')} value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as StateFilter })}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'open' ? t('inbox.state.open') : stateWord(s)}
              </option>
            ))}
          </select>
          <label className="inbox__mine">
            <input type="checkbox" checked={filter.mine !== null} onChange={(e) => setFilter({ ...filter, mine: e.target.checked && person ? person.username : null })} />
            {t('inbox.mine')}
          </label>
          <span className="hint inbox__key">{t('inbox.keyHint')}</span>
          {permission === 'default' && (
            <button type="button" className="inbox__notify" onClick={() => void askNotificationPermission()}>
              {t('inbox.allowNotifications')}
            </button>
          )}
          {permission === 'denied' && <span className="hint">{t('inbox.notificationsDenied')}</span>}
        </div>
      </header>
      {shown === null ? (
        <p className="hint">{t('inbox.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="hint" data-testid="inbox-empty">
          {alerts && alerts.length > 0 ? t('inbox.noneMatch') : t('inbox.none')}
        </p>
      ) : (
        <ul className="inbox__list">
          {shown.map((a) => (
            <AlertRow key={a.id} alert={a} now={now} zone={zone} />
          ))}
        </ul>
      )}
    </section>
  )
}
