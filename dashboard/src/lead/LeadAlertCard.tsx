// One alert on the lead's page, sized for a thumb: severity and what, how
// long, and who is on it (acknowledged by whom, when, with their comment)
// or, lit and in words, that nobody is; then the one-tap 签收 with an
// optional comment (alerts/AlertActions.tsx, the desk's own actions). The
// summary opens the alert's page, /lead/alerts/<id>.
import { Link } from 'react-router'
import type { Alert } from '../../../schemas/alerts.ts'
import { AlertActions } from '../alerts/AlertActions.tsx'
import { severityWord } from '../alerts/alert-words.ts'
import { needsAcknowledging, sinceOf } from '../alerts/inbox.ts'
import { duration, hoursMinutes } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'

export function LeadAlertCard({ alert, now, zone, extra }: { alert: Alert; now: number; zone: string; extra?: string }) {
  const unacked = needsAcknowledging(alert)
  return (
    <li
      className={`lead-alert inbox__row inbox__row--${alert.severity}${unacked ? ' inbox__row--unacked' : ''}`}
      data-alert-id={alert.id}
      data-state={alert.state}
      data-severity={alert.severity}
    >
      <div className="lead-alert__head">
        <span className={`inbox__sev inbox__sev--${alert.severity}`}>{severityWord(alert.severity)}</span>
        <span className="lead-alert__age">{t('inbox.age', { d: duration(now - sinceOf(alert)) })}</span>
        {extra && <span className="lead-alert__extra">{extra}</span>}
      </div>
      <Link className="lead-alert__summary" to={`/lead/alerts/${encodeURIComponent(alert.id)}`}>
        {alert.summary}
      </Link>
      <p className="lead-alert__who" data-testid="alert-owner">
        {alert.acknowledged ? (
          <>
            ✔ {t('inbox.ackedBy', { who: alert.acknowledged.display_name, t: hoursMinutes(Date.parse(alert.acknowledged.at), zone) })}
            {alert.acknowledged.comment ? ` · “${alert.acknowledged.comment}”` : ''}
          </>
        ) : (
          unacked && (
            <span className="inbox__marker" data-testid="unacked-marker">
              ● {t('az.unacknowledged')} · {t('lead.nobodyOnIt')}
            </span>
          )
        )}
        {alert.silenced && <span className="inbox__flag"> · {t('az.silenced')}</span>}
      </p>
      <AlertActions alert={alert} layout="touch" />
    </li>
  )
}
