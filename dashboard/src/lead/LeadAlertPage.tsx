// /lead/alerts/:id, where the lead's pushed notifications link: the alert's
// detail (alerts/AlertDetailView.tsx, the desk's own) laid out for a phone,
// with the one-tap 签收, on the lead page's live connection.
import { useParams } from 'react-router'
import { toLogin } from '../access/to-login.ts'
import { AlertDetailView } from '../alerts/AlertDetailView.tsx'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'
import { useServiceWorker } from './useServiceWorker.ts'

export function LeadAlertPage() {
  const { id = '' } = useParams()
  useServiceWorker()
  return (
    <LiveConnectionProvider onSessionEnded={toLogin}>
      <AlertDetailView id={id} home="lead" />
    </LiveConnectionProvider>
  )
}
