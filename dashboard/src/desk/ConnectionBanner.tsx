// Says at once when the desk lost its connection to the server (lists and
// figures stop updating), and for a moment when it is back; the socket
// reconnects by itself (live/socket-client.ts).
import { useEffect, useState } from 'react'
import { t } from '../i18n/dictionary.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

const SHOW_RECOVERED_MS = 4_000

export function ConnectionBanner() {
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
        ■ {t('desk.disconnected')}
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
