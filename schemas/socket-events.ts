// The Socket.IO events between the server and every screen, one typed map
// used by both sides (server/socket.ts and the dashboard's socket client).
import type { Alarm } from './alarms.ts'
import type { Delta, Snapshot } from './snapshot.ts'

export interface Subscription {
  /** Narrow to one region's figures; null or absent for the whole territory. */
  region?: string | null
}

export interface DisplayHeartbeat {
  layout: string
  build: string
  updates_per_minute: number
  js_heap_bytes: number | null
  screen: { width: number; height: number }
  url: string
}

export interface ServerToClientEvents {
  /** The full snapshot: on connect, on subscribe, and when a client asks. */
  snapshot: (snapshot: Snapshot) => void
  /** What changed since the snapshot of `base_tick`; once per tick. */
  delta: (delta: Delta) => void
  /** The alarms of the ticker, whole: on connect and whenever they change. */
  alarms: (alarms: Alarm[]) => void
  /** This display must reload (a person asked for it, or a new build is out). */
  'display:reload': () => void
  /** This socket's session ended (signed out, expired, revoked, rights changed); the server disconnects it next. */
  'session:ended': (info: { reason: string }) => void
  /** A request from the client was refused; `message` says why. */
  'request:error': (error: { event: string; message: string }) => void
}

export interface ClientToServerEvents {
  subscribe: (subscription: Subscription) => void
  /** A client that missed a delta asks for a whole snapshot again. */
  'snapshot:request': () => void
  'display:heartbeat': (heartbeat: DisplayHeartbeat) => void
}
