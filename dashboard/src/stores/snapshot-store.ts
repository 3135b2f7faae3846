// The live data of the page: the latest snapshot, kept current by the deltas
// the server pushes, and the state of the connection that brings them.
import { create } from 'zustand'
import { applyPatch } from '../../../schemas/patch.ts'
import type { Delta, Snapshot } from '../../../schemas/snapshot.ts'

export type Connection = 'connecting' | 'connected' | 'disconnected'

interface SnapshotState {
  snapshot: Snapshot | null
  connection: Connection
  /** When the connection was lost (ms), null while connected. */
  disconnectedAt: number | null
  reconnectAttempt: number
  /**
   * This PC's clock minus the server's, from when each snapshot arrived and
   * when it was computed: freshness is judged on the server's time, so a wall
   * PC with a wrong clock does not show false delays.
   */
  serverOffsetMs: number
  /** The server's build when reloading did not bring this page in step with it. */
  buildMismatch: string | null
  actions: {
    setSnapshot(snapshot: Snapshot): void
    /** Applies a delta; false when it does not follow the snapshot held (a whole one is needed). */
    applyDelta(delta: Delta): boolean
    setConnection(connection: Connection, now: number): void
    setReconnectAttempt(attempt: number): void
    setBuildMismatch(build: string | null): void
    /** Back to no data and no connection, for the next page that connects. */
    reset(): void
  }
}

// Kept unless it moves by a second or more: the jitter of each delivery is not
// a clock change, and every reader of the offset would re-render on it.
const offsetOf = (snapshot: Snapshot, previous: number) => {
  const computed = Date.parse(snapshot.computed_at)
  const offset = Number.isFinite(computed) ? Date.now() - computed : 0
  return Math.abs(offset - previous) < 1000 ? previous : offset
}

const INITIAL = {
  snapshot: null,
  connection: 'connecting',
  disconnectedAt: null,
  reconnectAttempt: 0,
  buildMismatch: null,
  serverOffsetMs: 0,
} satisfies Omit<SnapshotState, 'actions'>

export const useSnapshotStore = create<SnapshotState>()((set, get) => ({
  ...INITIAL,
  actions: {
    setSnapshot: (snapshot) => set({ snapshot, serverOffsetMs: offsetOf(snapshot, get().serverOffsetMs) }),
    applyDelta(delta) {
      const { snapshot } = get()
      if (!snapshot || delta.base_tick !== snapshot.tick) return false
      // applyPatch shares every unchanged branch, so components selecting an
      // unchanged part keep the same reference and do not re-render.
      const next = { ...applyPatch(snapshot, delta.patch), tick: delta.tick }
      set({ snapshot: next, serverOffsetMs: offsetOf(next, get().serverOffsetMs) })
      return true
    },
    setConnection(connection, now) {
      const { disconnectedAt } = get()
      set({
        connection,
        disconnectedAt: connection === 'disconnected' ? (disconnectedAt ?? now) : null,
        ...(connection === 'connected' ? { reconnectAttempt: 0 } : {}),
      })
    },
    setReconnectAttempt: (reconnectAttempt) => set({ reconnectAttempt }),
    setBuildMismatch: (buildMismatch) => {
      if (get().buildMismatch !== buildMismatch) set({ buildMismatch })
    },
    reset: () => set(INITIAL),
  },
}))

export const snapshotActions = useSnapshotStore.getState().actions
