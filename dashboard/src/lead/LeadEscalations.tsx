// Escalations waiting for the lead: alerts nobody acknowledged that the
// escalation reached a tier addressed to the lead on duty (or to this lead
// by name), as the pipeline recorded it on each alert and the policy in
// force says (lead-alerts.ts). Each leads to the alert's page; the tier
// reached and when the next one is due are the server's.
import { useMemo } from 'react'
import { Link } from 'react-router'
import { severityWord } from '../alerts/alert-words.ts'
import { sinceOf } from '../alerts/inbox.ts'
import { duration, hoursMinutes } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useServerNow } from '../live/server-now.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { usePerson } from '../stores/session-store.ts'
import { escalationsFor, tiersReaching } from './lead-alerts.ts'
import { useEscalationPolicy } from './lead-queries.ts'

export function LeadEscalations() {
  const alerts = useAlarmStore((s) => s.alerts)
  const person = usePerson()
  const policy = useEscalationPolicy()
  const now = useServerNow()
  const zone = useTimeZone()
  // Until the policy is read (or when it cannot be), every escalated alert counts.
  const tiers = useMemo(() => (policy.data && person ? tiersReaching(policy.data.escalation, policy.data.receivers, person.username) : null), [policy.data, person])
  const waiting = useMemo(() => (alerts ? escalationsFor(alerts, tiers) : null), [alerts, tiers])
  return (
    <section className="desk__card lead__card" data-testid="lead-escalations" aria-label={t('lead.escalations')}>
      <header className="lead__card-head">
        <h2>{t('lead.escalations')}</h2>
        {waiting && waiting.length > 0 && <span className="inbox__count">{waiting.length}</span>}
      </header>
      {policy.isError && <p className="hint">{t('lead.policyUnknown', { m: policy.error.message })}</p>}
      {waiting === null ? (
        <p className="hint">{t('inbox.loading')}</p>
      ) : waiting.length === 0 ? (
        <p className="hint" data-testid="escalations-empty">
          {tiers !== null && tiers.length === 0 ? t('lead.noLeadTier') : t('lead.noEscalations')}
        </p>
      ) : (
        <ul className="lead__escalations">
          {waiting.map((a) => (
            <li key={a.id} className={`lead-escalation inbox__row inbox__row--${a.severity} inbox__row--unacked`} data-alert-id={a.id}>
              <Link to={`/lead/alerts/${encodeURIComponent(a.id)}`}>
                <span className={`inbox__sev inbox__sev--${a.severity}`}>{severityWord(a.severity)}</span> {a.summary}
              </Link>
              <span className="lead-escalation__tier">
                {t('lead.escalatedTo', { n: a.escalation.tier })} · {t('inbox.age', { d: duration(now - sinceOf(a)) })}
                {a.escalation.next_at && ` · ${t('az.escalatesAt', { at: hoursMinutes(Date.parse(a.escalation.next_at), zone) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
