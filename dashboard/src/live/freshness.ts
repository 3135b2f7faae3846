// How fresh the figures on screen are, the one thing a wall must never hide:
// live, delayed (the newest data is over a minute old, or the server marked
// the snapshot stale), or disconnected (the socket is down).
import type { Snapshot } from '../../../schemas/snapshot.ts'
import { useClockStore } from '../stores/clock-store.ts'
import { useSnapshotStore, type Connection } from '../stores/snapshot-store.ts'

/** Data older than this reads as delayed. */
export const DELAYED_AFTER_MS = 60_000

export type Freshness =
  | { state: 'live'; watermark: number }
  | { state: 'delayed'; seconds: number | null; reason: string | null; watermark: number | null }
  | { state: 'disconnected'; seconds: number; attempt: number }
  | { state: 'connecting' }

type Freshest = Pick<Snapshot, 'watermark' | 'stale'>

export function freshnessOf(
  snapshot: Freshest | null,
  connection: Connection,
  disconnectedAt: number | null,
  attempt: number,
  serverOffsetMs: number,
  now: number,
): Freshness {
  if (connection === 'disconnected') {
    return { state: 'disconnected', seconds: Math.max(0, Math.round((now - (disconnectedAt ?? now)) / 1000)), attempt }
  }
  if (!snapshot) return { state: 'connecting' }
  const watermark = snapshot.watermark === null ? null : Date.parse(snapshot.watermark)
  const serverNow = now - serverOffsetMs
  const lagMs = watermark === null ? null : Math.max(0, serverNow - watermark)
  if (snapshot.stale || lagMs === null || lagMs > DELAYED_AFTER_MS) {
    return {
      state: 'delayed',
      seconds: lagMs === null ? null : Math.round(lagMs / 1000),
      reason: snapshot.stale?.reason ?? null,
      watermark,
    }
  }
  return { state: 'live', watermark: watermark! }
}

export function useFreshness(): Freshness {
  // Only the fields freshness depends on, so the callers do not re-render on every other change.
  const has = useSnapshotStore((s) => s.snapshot !== null)
  const watermark = useSnapshotStore((s) => s.snapshot?.watermark ?? null)
  const stale = useSnapshotStore((s) => s.snapshot?.stale ?? null)
  const connection = useSnapshotStore((s) => s.connection)
  const disconnectedAt = useSnapshotStore((s) => s.disconnectedAt)
  const attempt = useSnapshotStore((s) => s.reconnectAttempt)
  const offset = useSnapshotStore((s) => s.serverOffsetMs)
  const watermarkMs = watermark === null ? null : Date.parse(watermark)
  // The clock matters only while it shows on screen (seconds delayed or
  // disconnected) or could turn live data delayed; live data otherwise does
  // not re-render every second.
  const clock = useClockStore((c) => {
    const counting = connection === 'disconnected' || stale !== null || watermarkMs === null
    return counting || c.now - offset - watermarkMs > DELAYED_AFTER_MS ? c.now : 0
  })
  const now = clock === 0 ? useClockStore.getState().now : clock
  return freshnessOf(has ? { watermark, stale } : null, connection, disconnectedAt, attempt, offset, now)
}
