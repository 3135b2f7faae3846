// Live data for the pages below it: the Socket.IO connection opens when the
// provider mounts and closes when it unmounts, and the snapshot store is
// emptied then, so the next page that connects starts from "connecting"
// rather than from another page's last figures. Pages read the data from the
// snapshot store; what needs the socket itself (the wall's heartbeat) takes
// it from useLiveSocket().
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { View } from '../../../schemas/socket-events.ts'
import { snapshotActions } from '../stores/snapshot-store.ts'
import { connectLive, type WallSocket } from './socket-client.ts'

const LiveSocket = createContext<WallSocket | null>(null)

export function LiveConnectionProvider({ view, children }: { view: View; children: ReactNode }) {
  const [socket, setSocket] = useState<WallSocket | null>(null)
  useEffect(() => {
    const connection = connectLive(view)
    setSocket(connection.socket)
    return () => {
      connection.close()
      snapshotActions.reset()
      setSocket(null)
    }
  }, [view])
  return <LiveSocket.Provider value={socket}>{children}</LiveSocket.Provider>
}

/** The live connection's socket; null until the provider has opened it. */
export const useLiveSocket = (): WallSocket | null => useContext(LiveSocket)
