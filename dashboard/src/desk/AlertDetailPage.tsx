// /desk/alerts/:id, where the desk's notification messages link: the alert's
// detail (alerts/AlertDetailView.tsx) on the desk's live connection.
import { useParams } from 'react-router'
import { toLogin } from '../access/to-login.ts'
import { AlertDetailView } from '../alerts/AlertDetailView.tsx'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'

export function AlertDetailPage() {
  const { id = '' } = useParams()
  return (
    <LiveConnectionProvider onSessionEnded={toLogin}>
      <AlertDetailView id={id} home="desk" />
    </LiveConnectionProvider>
  )
}
