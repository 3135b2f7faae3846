// The lead's alerts: those people were told of (firing, acknowledged), the
// ones nobody has acknowledged first, live from the socket every screen
// shares (stores/alarm-store.ts), each with who is on it and the one-tap
// 签收. An escalated one says how far it went. Pending alerts (true, held
// for their rule's `for`) are counted, not listed: nobody was told yet.
import { useMemo } from 'react'
import { needsAcknowledging } from '../alerts/inbox.ts'
import { t } from '../i18n/dictionary.ts'
import { useServerNow } from '../live/server-now.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { LeadAlertCard } from './LeadAlertCard.tsx'
import { leadAlerts, pendingCount } from './lead-alerts.ts'

export function LeadAlerts() {
  const alerts = useAlarmStore((s) => s.alerts)
  const shown = useMemo(() => (alerts ? leadAlerts(alerts) : null), [alerts])
  const pending = alerts ? pendingCount(alerts) : 0
  const unacked = shown?.filter(needsAcknowledging).length ?? 0
  const now = useServerNow()
  const zone = useTimeZone()
  return (
    <section className="desk__card lead__card" data-testid="lead-alerts" aria-label={t('lead.alerts')}>
      <header className="lead__card-head">
        <h2>{t('lead.alerts')}</h2>
        {shown && shown.length > 0 && (
          <span className={unacked > 0 ? 'inbox__count' : 'lead__ok'} data-testid="unacked-count">
            {unacked > 0 ? t('lead.unacked', { n: unacked }) : t('lead.allAcked')}
          </span>
        )}
      </header>
      {shown === null ? (
        <p className="hint">{t('inbox.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="hint" data-testid="alerts-empty">
          {t('lead.noAlerts')}
        </p>
      ) : (
        <ul className="inbox__list lead__list">
          {shown.map((a) => (
            <LeadAlertCard key={a.id} alert={a} now={now} zone={zone} extra={a.escalation.tier > 0 ? t('lead.escalatedTo', { n: a.escalation.tier }) : undefined} />
          ))}
        </ul>
      )}
      {pending > 0 && <p className="hint">{t('lead.pending', { n: pending })}</p>}
    </section>
  )
}
