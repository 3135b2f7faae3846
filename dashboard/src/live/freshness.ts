// How fresh the figures on screen are, the one thing a wall must never hide.
// The server judges (schemas/snapshot.ts `stale`, `loading`): the screen
// shows live, history still loading (with progress), delayed (the flow of
// data stopped or fell behind, or computation fails, with the server's
// reason), or disconnected (the socket is down). One thing only the screen
// can see: no snapshot newer than STALE_AFTER_SECONDS (the server's, carried
// in the snapshot) has reached it while its socket looked connected.
import type { Snapshot } from '../../../schemas/snapshot.ts'
import { useClockStore } from '../stores/clock-store.ts'
import { useSnapshotStore, type Connection } from '../stores/snapshot-store.ts'

export type Freshness =
  | { state: 'live'; watermark: number | null }
  | { state: 'loading'; progress: number; watermark: number | null }
  | { state: 'delayed'; seconds: number | null; reason: string | null; watermark: number | null }
  | { state: 'disconnected'; seconds: number; attempt: number }
  | { state: 'connecting' }

type Freshest = Pick<Snapshot, 'watermark' | 'stale' | 'loading' | 'computed_at' | 'stale_after_seconds'>

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
  if (snapshot.loading) return { state: 'loading', progress: snapshot.loading.progress, watermark }
  const serverNow = now - serverOffsetMs
  const lagMs = watermark === null ? null : Math.max(0, serverNow - watermark)
  const unheardMs = serverNow - Date.parse(snapshot.computed_at)
  if (snapshot.stale || watermark === null || unheardMs > snapshot.stale_after_seconds * 1000) {
    return { state: 'delayed', seconds: lagMs === null ? null : Math.round(lagMs / 1000), reason: snapshot.stale?.reason ?? null, watermark }
  }
  return { state: 'live', watermark }
}

export function useFreshness(): Freshness {
  // Only the fields freshness depends on, so the callers do not re-render on every other change.
  const has = useSnapshotStore((s) => s.snapshot !== null)
  const watermark = useSnapshotStore((s) => s.snapshot?.watermark ?? null)
  const stale = useSnapshotStore((s) => s.snapshot?.stale ?? null)
  const loading = useSnapshotStore((s) => s.snapshot?.loading ?? null)
  const computedAt = useSnapshotStore((s) => s.snapshot?.computed_at ?? '')
  const staleAfter = useSnapshotStore((s) => s.snapshot?.stale_after_seconds ?? 60)
  const connection = useSnapshotStore((s) => s.connection)
  const disconnectedAt = useSnapshotStore((s) => s.disconnectedAt)
  const attempt = useSnapshotStore((s) => s.reconnectAttempt)
  const offset = useSnapshotStore((s) => s.serverOffsetMs)
  // The clock matters only while it shows on screen (seconds delayed or
  // disconnected) or could turn live data delayed (nothing heard for too
  // long); live data otherwise does not re-render every second.
  const clock = useClockStore((c) => {
    const counting = connection === 'disconnected' || stale !== null || watermark === null
    return counting || c.now - offset - Date.parse(computedAt) > staleAfter * 1000 ? c.now : 0
  })
  const now = clock === 0 ? useClockStore.getState().now : clock
  const snapshot = has ? { watermark, stale, loading, computed_at: computedAt, stale_after_seconds: staleAfter } : null
  return freshnessOf(snapshot, connection, disconnectedAt, attempt, offset, now)
}
