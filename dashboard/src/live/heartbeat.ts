// Every 30 s (and at each connect) a paired wall tells the server how it is:
// which layout and build it runs, how many updates it drew in the last minute
// and how much memory it holds. The server knows which display it is from
// its session; GET /api/v1/devices lists these, and flags a wall gone silent.
import type { DisplayHeartbeat } from '../../../schemas/socket-events.ts'
import { BUILD_ID } from './build-reload.ts'
import { updatesPerMinute } from './render-timing.ts'
import type { WallSocket } from './socket-client.ts'

const EVERY_MS = 30_000

interface ChromeMemory {
  memory?: { usedJSHeapSize: number }
}

export function startHeartbeat(socket: WallSocket, layoutName: () => string): () => void {
  const send = () => {
    if (!socket.connected) return
    const heap = (performance as Performance & ChromeMemory).memory?.usedJSHeapSize
    const heartbeat: DisplayHeartbeat = {
      layout: layoutName(),
      build: BUILD_ID,
      updates_per_minute: updatesPerMinute(),
      js_heap_bytes: typeof heap === 'number' ? Math.round(heap) : null,
      screen: { width: Math.round(window.screen.width), height: Math.round(window.screen.height) },
      url: window.location.href.slice(0, 2048),
    }
    socket.emit('display:heartbeat', heartbeat)
  }
  const timer = setInterval(send, EVERY_MS)
  socket.on('connect', send)
  // Started after the socket connected (the page mounted late): say hello now, not in 30 s.
  send()
  return () => {
    clearInterval(timer)
    socket.off('connect', send)
  }
}
