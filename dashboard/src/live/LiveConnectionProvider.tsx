// Live data for the pages below it: the Socket.IO connection opens when the
// provider mounts and closes when it unmounts, and the snapshot store is
// emptied then (the alarms too), so the next page that connects starts from "connecting"
// rather than from another page's last figures. Pages read the data from the
// snapshot store; what needs the socket itself (the wall's heartbeat) takes
// it from useLiveSocket(). `onSessionEnded` hears when the server ended the
// page's session or refused it (socket-client.ts).
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { alarmActions } from '../stores/alarm-store.ts'
import { snapshotActions } from '../stores/snapshot-store.ts'
import { connectLive, type WallSocket } from './socket-client.ts'

const LiveSocket = createContext<WallSocket | null>(null)

export function LiveConnectionProvider({ children, onSessionEnded }: { children: ReactNode; onSessionEnded: () => void }) {
  const [socket, setSocket] = useState<WallSocket | null>(null)
  // The connection lives as long as the provider: a new callback must not reopen it.
  const sessionEnded = useRef(onSessionEnded)
  useEffect(() => {
    sessionEnded.current = onSessionEnded
  }, [onSessionEnded])
  useEffect(() => {
    const connection = connectLive(() => sessionEnded.current())
    setSocket(connection.socket)
    return () => {
      connection.close()
      snapshotActions.reset()
      alarmActions.reset()
      setSocket(null)
    }
  }, [])
  return <LiveSocket.Provider value={socket}>{children}</LiveSocket.Provider>
}

/** The live connection's socket; null until the provider has opened it. */
export const useLiveSocket = (): WallSocket | null => useContext(LiveSocket)
