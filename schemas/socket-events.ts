// The Socket.IO events between the server and every screen, one typed map
// used by both sides (server/socket.ts and the dashboard's socket client).
import type { Alert, AlertHistoryKind } from './alerts.ts'
import type { LogEntry } from './operations-log.ts'
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

/** One change of an alert, as it happened: the alert after it, and its history entry's kind, time and actor. */
export interface AlertEvent {
  alert: Alert
  kind: AlertHistoryKind
  at: string
  /** A username, or "engine". */
  actor: string
}

export interface ServerToClientEvents {
  /** The full snapshot: on connect, on subscribe, and when a client asks. */
  snapshot: (snapshot: Snapshot) => void
  /** What changed since the snapshot of `base_tick`; once per tick. */
  delta: (delta: Delta) => void
  /** The alerts now (open, and resolved within the flap window), whole: on connect and on request. */
  alerts: (alerts: Alert[]) => void
  /** An alert changed (every transition, acknowledgement, silence…). */
  alert: (event: AlertEvent) => void
  /** A new entry of the operations log (运行日志), a person's or the system's; sent to people's screens only, not to walls. */
  log: (entry: LogEntry) => void
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
  /** A screen that missed alert events asks for the whole list again. */
  'alerts:request': () => void
  'display:heartbeat': (heartbeat: DisplayHeartbeat) => void
}
