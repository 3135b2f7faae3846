// The paired walls seen by this server, by device id: the last heartbeat of
// each and whether it is still connected. A wall that stops sending
// heartbeats (frozen browser, dead screen PC) is flagged silent, which the
// data-health alerts page on.
import type { DisplayHeartbeat } from '../../schemas/socket-events.ts'

export interface DisplayInfo {
  device_id: string
  last_heartbeat: DisplayHeartbeat
  /** ISO 8601 UTC time of the last heartbeat. */
  last_seen: string
  connected: boolean
  /** No heartbeat for longer than silentAfterMs (three heartbeat intervals by default). */
  silent: boolean
}

interface Entry {
  heartbeat: DisplayHeartbeat
  lastSeen: number
  socketId: string | null
}

/** Heartbeats come every 30 s; three missed ones make a display silent. */
export const DEFAULT_SILENT_AFTER_MS = 90_000
// Paired displays only, but revoked ones are not removed here: bound the
// registry anyway; the displays unseen the longest go first.
const MAX_DISPLAYS = 500

export class DisplayRegistry {
  private readonly displays = new Map<string, Entry>()
  private readonly bySocket = new Map<string, string>()
  private readonly silentAfterMs: number

  constructor(opts: { silentAfterMs?: number } = {}) {
    this.silentAfterMs = opts.silentAfterMs ?? DEFAULT_SILENT_AFTER_MS
  }

  heartbeat(socketId: string, deviceId: string, hb: DisplayHeartbeat, now: number): void {
    const previous = this.displays.get(deviceId)
    // The same display reconnecting gets a new socket; the old one is forgotten.
    if (previous?.socketId && previous.socketId !== socketId) this.bySocket.delete(previous.socketId)
    this.displays.delete(deviceId)
    this.displays.set(deviceId, { heartbeat: hb, lastSeen: now, socketId })
    this.bySocket.set(socketId, deviceId)
    this.evict()
  }

  disconnected(socketId: string, _now: number): void {
    const id = this.bySocket.get(socketId)
    if (id === undefined) return
    this.bySocket.delete(socketId)
    const entry = this.displays.get(id)
    if (entry && entry.socketId === socketId) entry.socketId = null
  }

  list(now: number): DisplayInfo[] {
    return [...this.displays.keys()].map((id) => this.get(id, now)!).sort((a, b) => a.device_id.localeCompare(b.device_id))
  }

  get(deviceId: string, now: number): DisplayInfo | undefined {
    const e = this.displays.get(deviceId)
    if (!e) return undefined
    return {
      device_id: deviceId,
      last_heartbeat: e.heartbeat,
      last_seen: new Date(e.lastSeen).toISOString(),
      connected: e.socketId !== null,
      silent: now - e.lastSeen > this.silentAfterMs,
    }
  }

  private evict(): void {
    // Map iteration order is insertion order, and heartbeat re-inserts, so the first entry is the least recently seen.
    while (this.displays.size > MAX_DISPLAYS) {
      const [oldest, entry] = this.displays.entries().next().value as [string, Entry]
      if (entry.socketId) this.bySocket.delete(entry.socketId)
      this.displays.delete(oldest)
    }
  }
}
