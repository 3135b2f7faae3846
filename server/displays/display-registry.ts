// The walls seen by this server: the last heartbeat of each and whether it is
// still connected. A wall that stops sending heartbeats (frozen browser, dead
// screen PC) is flagged silent, which is what the alerting issue pages on.
import type { DisplayHeartbeat } from '../../schemas/socket-events.ts'

export interface DisplayInfo {
  display_id: string
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
// A misbehaving client inventing a new id per page load must not grow the
// registry without bound; the displays unseen the longest go first.
const MAX_DISPLAYS = 500

export class DisplayRegistry {
  private readonly displays = new Map<string, Entry>()
  private readonly bySocket = new Map<string, string>()
  private readonly silentAfterMs: number

  constructor(opts: { silentAfterMs?: number } = {}) {
    this.silentAfterMs = opts.silentAfterMs ?? DEFAULT_SILENT_AFTER_MS
  }

  heartbeat(socketId: string, hb: DisplayHeartbeat, now: number): void {
    const previous = this.displays.get(hb.display_id)
    // The same display reconnecting gets a new socket; the old one is forgotten.
    if (previous?.socketId && previous.socketId !== socketId) this.bySocket.delete(previous.socketId)
    const earlier = this.bySocket.get(socketId)
    if (earlier !== undefined && earlier !== hb.display_id) {
      const entry = this.displays.get(earlier)
      if (entry) entry.socketId = null
    }
    this.displays.delete(hb.display_id)
    this.displays.set(hb.display_id, { heartbeat: hb, lastSeen: now, socketId })
    this.bySocket.set(socketId, hb.display_id)
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
    return [...this.displays.entries()]
      .map(([id, e]) => ({
        display_id: id,
        last_heartbeat: e.heartbeat,
        last_seen: new Date(e.lastSeen).toISOString(),
        connected: e.socketId !== null,
        silent: now - e.lastSeen > this.silentAfterMs,
      }))
      .sort((a, b) => a.display_id.localeCompare(b.display_id))
  }

  socketIdOf(displayId: string): string | undefined {
    return this.displays.get(displayId)?.socketId ?? undefined
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
