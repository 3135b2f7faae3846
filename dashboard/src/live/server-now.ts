// "Now" on the server's clock: the live snapshot's time, so ages and "for
// 12 min" agree with every other figure on the page; the page's own clock
// (the one shared clock) until a snapshot arrives.
import { useNow } from '../stores/clock-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

export function useServerNow(): number {
  const serverNow = useSnapshotStore((s) => (s.snapshot ? Date.parse(s.snapshot.computed_at) : null))
  const localNow = useNow()
  return serverNow ?? localNow
}
