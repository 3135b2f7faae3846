// Says at once when a person's page (the desk, the lead's page, an alert's
// detail) lost its connection to the server (lists and figures stop
// updating), and for a moment when it is back; the socket reconnects by
// itself (live/socket-client.ts). `lost` words it for the page.
import { useEffect, useState } from 'react'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

const SHOW_RECOVERED_MS = 4_000

export function ConnectionBanner({ lost = 'desk.disconnected' }: { lost?: WordKey }) {
  const connection = useSnapshotStore((s) => s.connection)
  const [wasDown, setWasDown] = useState(false)
  const [recovered, setRecovered] = useState(false)
  if (connection === 'disconnected' && !wasDown) setWasDown(true)
  if (connection === 'connected' && wasDown) {
    setWasDown(false)
    setRecovered(true)
  }
  useEffect(() => {
    if (!recovered) return
    const timer = setTimeout(() => setRecovered(false), SHOW_RECOVERED_MS)
    return () => clearTimeout(timer)
  }, [recovered])
  if (connection === 'disconnected')
    return (
      <div className="desk-banner desk-banner--down" role="alert" data-testid="connection-lost">
        ■ {t(lost)}
      </div>
    )
  if (recovered)
    return (
      <div className="desk-banner desk-banner--up" role="status" data-testid="connection-back">
        ● {t('desk.reconnected')}
      </div>
    )
  return null
}
