// A page's link to the server: one Socket.IO connection to the page's own
// origin that takes the snapshot the server sends on connect, applies every delta
// that follows it, and asks for a whole snapshot again when one does not. It
// reconnects forever with backoff, and after a reconnect the server's new
// snapshot makes it whole again. It also carries the wall's heartbeat and
// obeys the server's order to reload. The handshake signs in with the
// page's session cookie; when the server says that session ended, or refuses
// the handshake as unauthorized, the page is told so it can ask who it is
// now. It lives until close(): the page that opened it
// (LiveConnectionProvider) closes it when it unmounts.
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/socket-events.ts'
import type { Snapshot } from '../../../schemas/snapshot.ts'
import { alarmActions } from '../stores/alarm-store.ts'
import { snapshotActions } from '../stores/snapshot-store.ts'
import { checkBuild } from './build-reload.ts'
import { deltaReceived } from './render-timing.ts'

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export interface LiveConnection {
  socket: WallSocket
  /** Disconnects for good: no retry, no more updates to the snapshot store. */
  close(): void
}

/**
 * `sessionEnded`: the server ended this page's session (sign-out, revocation,
 * a changed role) or refused the handshake as unauthorized. The socket keeps
 * retrying meanwhile, as after any lost connection: only the page, asking the
 * server who it is, can tell an ended session from one that is still good.
 */
export function connectLive(sessionEnded: () => void): LiveConnection {
  const socket: WallSocket = io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 5_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  })

  // One request for a whole snapshot at a time: the deltas that keep coming
  // until it arrives do not each ask again (unless it is long overdue).
  let requestedAt: number | null = null
  const requestSnapshot = () => {
    const now = Date.now()
    if (requestedAt !== null && now - requestedAt < 5_000) return
    requestedAt = now
    socket.emit('snapshot:request')
  }

  const takeSnapshot = (snapshot: Snapshot) => {
    requestedAt = null
    snapshotActions.setBuildMismatch(checkBuild(snapshot.build, Date.now()))
    snapshotActions.setSnapshot(snapshot)
  }

  // Socket.IO retries on its own after a lost connection, but not when the
  // server closed the socket itself (a shutdown or restart) or refused it in a
  // handshake middleware: then it stays down until connect() is called. A
  // wall must never stay down, so those cases are retried here, with backoff.
  let retries = 0
  let retry: ReturnType<typeof setTimeout> | undefined
  const keepTrying = () => {
    if (socket.active || retry !== undefined) return
    const delay = Math.min(10_000, 1_000 * 2 ** Math.min(retries, 4)) * (0.75 + Math.random() * 0.5)
    retries++
    snapshotActions.setReconnectAttempt(retries)
    retry = setTimeout(() => {
      retry = undefined
      socket.connect()
    }, delay)
  }

  socket.on('connect', () => {
    retries = 0
    // The server sends the whole territory's snapshot on every connect.
    snapshotActions.setConnection('connected', Date.now())
  })
  socket.on('disconnect', () => {
    snapshotActions.setConnection('disconnected', Date.now())
    keepTrying()
  })
  socket.on('connect_error', (err) => {
    snapshotActions.setConnection('disconnected', Date.now())
    // The server's handshake refusals start with their kind (server/plugins/socket.ts).
    if (err.message.startsWith('unauthorized')) sessionEnded()
    keepTrying()
  })
  socket.on('session:ended', () => sessionEnded())
  const reconnectAttempt = (attempt: number) => snapshotActions.setReconnectAttempt(attempt)
  socket.io.on('reconnect_attempt', reconnectAttempt)

  socket.on('snapshot', takeSnapshot)
  socket.on('delta', (delta) => {
    deltaReceived(delta.tick)
    // A delta that does not follow the snapshot held (one was missed, or it
    // raced the snapshot after a reconnect) cannot be applied: ask for a whole one.
    if (!snapshotActions.applyDelta(delta)) requestSnapshot()
    // A new build shows up as a changed `build` in a delta as much as in a snapshot.
    else if (typeof delta.patch.build === 'string') snapshotActions.setBuildMismatch(checkBuild(delta.patch.build, Date.now()))
  })
  socket.on('alarms', (alarms) => alarmActions.setAlarms(alarms))
  socket.on('display:reload', () => window.location.reload())
  socket.on('request:error', (error) => console.warn(`server refused ${error.event}: ${error.message}`))

  const close = () => {
    // The listeners go first: the disconnect that follows must not count as a
    // lost connection (keepTrying would open it again).
    socket.off()
    socket.io.off('reconnect_attempt', reconnectAttempt)
    clearTimeout(retry)
    retry = undefined
    socket.disconnect()
  }
  return { socket, close }
}
