// What a wall runs while it is on screen, beside its live connection and its
// layout query: the heartbeat to the server (a paired display's only: the
// server knows displays, not people, by it), the kiosk cursor, the minute
// samples of the "now" KPIs for their sparklines, and the render timings for
// the benchmark. Each starts when the wall mounts and stops when it unmounts.
import { useEffect } from 'react'
import { hideIdleCursor } from '../kiosk/idle-cursor.ts'
import { startHeartbeat } from '../live/heartbeat.ts'
import { useLiveSocket } from '../live/LiveConnectionProvider.tsx'
import { publishRenderSamples } from '../live/render-timing.ts'
import { nowHistoryActions } from '../stores/now-history-store.ts'

export function useWallMachinery(layoutName: string, heartbeat: boolean): void {
  const socket = useLiveSocket()
  useEffect(() => (socket && heartbeat ? startHeartbeat(socket, () => layoutName) : undefined), [socket, layoutName, heartbeat])
  useEffect(() => hideIdleCursor(), [])
  useEffect(() => nowHistoryActions.start(), [])
  useEffect(() => publishRenderSamples(), [])
}
