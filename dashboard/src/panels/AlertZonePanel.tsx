// The alert zone: the rule engine's firing and acknowledged alerts of the
// wall's scope, most serious first, each with its state in words a hall can
// read: who acknowledged it (签收) and when, or, while nobody has, when it
// escalates to the next tier (the pipeline's `escalation.next_at`). Counts by
// severity sit on the title line, so alerts the box cannot hold are still
// counted. "No alerts" is only said about figures that are current.
import type { Alert, AlertState } from '../../../schemas/alerts.ts'
import type { Severity } from '../../../schemas/alerting-config.ts'
import { hoursMinutes } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useFreshness } from '../live/freshness.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useOpenAlerts } from '../stores/alarm-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info']
const SHAPE: Record<Severity, string> = { critical: '■', warning: '▲', info: '●' }

/** What the alert's state says to the hall: who took it and when, or when it goes further up. */
export function alertStateText(a: Alert, zone: string): string {
  const at = (iso: string) => hoursMinutes(Date.parse(iso), zone)
  if (a.acknowledged) return t('alarm.acknowledged', { who: a.acknowledged.display_name, at: at(a.acknowledged.at) })
  const parts = [t('az.unacknowledged')]
  if (a.escalation.next_at) parts.push(t('az.escalatesAt', { at: at(a.escalation.next_at) }))
  else if (a.fired_at) parts.push(t('az.firingSince', { at: at(a.fired_at) }))
  if (a.silenced) parts.push(t('az.silenced'))
  return parts.join(' · ')
}

function Counts({ alerts }: { alerts: Alert[] }) {
  return (
    <span className="az-counts">
      {SEVERITIES.map((s) => {
        const n = alerts.filter((a) => a.severity === s).length
        return n > 0 ? (
          <span key={s} className={`az-count az-count--${s}`} data-severity={s}>
            {t(`az.sev.${s}`)} <b>{n}</b>
          </span>
        ) : null
      })}
    </span>
  )
}

function Row({ alert, zone }: { alert: Alert; zone: string }) {
  const state: AlertState = alert.state
  return (
    <li className={`az-row az-row--${alert.severity} az-row--${state}`} data-alert-id={alert.id} data-state={state}>
      <span className="az-row__sev">
        {SHAPE[alert.severity]} {t(`az.sev.${alert.severity}`)}
      </span>
      <span className="az-row__what">{alert.summary}</span>
      <span className="az-row__state">{alertStateText(alert, zone)}</span>
    </li>
  )
}

export function AlertZonePanel({ title }: { title: string | null }) {
  const region = useSnapshotStore((s) => s.snapshot?.region ?? null)
  const alerts = useOpenAlerts(region)
  const zone = useTimeZone()
  const live = useFreshness().state === 'live'
  return (
    <PanelFrame type="alert_zone" title={title} ready={alerts !== null} aside={alerts && alerts.length > 0 ? <Counts alerts={alerts} /> : null}>
      {alerts === null ? (
        <PanelMessage>{t('fresh.connecting')}</PanelMessage>
      ) : alerts.length === 0 ? (
        live && <div className="az-none">● {t('az.none')}</div>
      ) : (
        <ul className="az-list">
          {alerts.map((a) => (
            <Row key={a.id} alert={a} zone={zone} />
          ))}
        </ul>
      )}
    </PanelFrame>
  )
}
