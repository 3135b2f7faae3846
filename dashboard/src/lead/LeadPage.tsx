// /lead, the shift lead's page (lead and up), for a phone (390 px wide) and
// a desktop: the alert tone for a new critical alert (on with one tap),
// escalations waiting for the lead, the alerts with who is on
// each and the one-tap 签收, the day's headline figures against target, who
// is on duty, and Web Push for this browser. Live over the socket every
// screen shares; a lost connection is said at once and recovered by itself,
// with any comment being typed kept. Installable as an app (the manifest
// and the service worker /sw.js, which shows what is pushed).
import { toLogin } from '../access/to-login.ts'
import { t } from '../i18n/dictionary.ts'
import { ConnectionBanner } from '../live/ConnectionBanner.tsx'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'
import { LeadAlerts } from './LeadAlerts.tsx'
import { LeadEscalations } from './LeadEscalations.tsx'
import { LeadSound } from './LeadSound.tsx'
import { PushSubscribe } from './PushSubscribe.tsx'
import { ShiftKpis } from './ShiftKpis.tsx'
import { ShiftRoster } from './ShiftRoster.tsx'
import { useServiceWorker } from './useServiceWorker.ts'

export function LeadPage() {
  useServiceWorker()
  return (
    <LiveConnectionProvider onSessionEnded={toLogin}>
      <main className="lead" data-view="lead">
        <title>{t('page.lead')}</title>
        <ConnectionBanner lost="lead.disconnected" />
        <h1 className="lead__title">{t('lead.title')}</h1>
        <LeadSound />
        <div className="lead__main">
          <LeadEscalations />
          <LeadAlerts />
        </div>
        <div className="lead__side">
          <ShiftKpis />
          <ShiftRoster />
          <PushSubscribe />
        </div>
      </main>
    </LiveConnectionProvider>
  )
}
