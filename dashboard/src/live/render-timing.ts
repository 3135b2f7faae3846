// How long each live update takes to reach the screen: from the moment a
// delta arrives to the first animation frame after React has committed it
// (`samples`), and, for telling render work from the wait for the next frame,
// to the commit itself (`commitSamples`). While a wall is on screen they are
// published on window.__wallRender for the benchmark
// (tests/bench/wall-bench.ts), and they are counted for the heartbeat's
// updates per minute. All are bounded, so a wall running for days keeps the
// same size.
const MAX_SAMPLES = 2_000

interface RenderSamples {
  samples: number[]
  commitSamples: number[]
  dropped: number
}

const store: RenderSamples = { samples: [], commitSamples: [], dropped: 0 }

type Published = Window & { __wallRender?: RenderSamples }

/** Puts the samples on window.__wallRender until the returned function is called. */
export function publishRenderSamples(): () => void {
  ;(window as Published).__wallRender = store
  return () => {
    delete (window as Published).__wallRender
  }
}

function keep(list: number[], value: number): void {
  list.push(value)
  if (list.length > MAX_SAMPLES) {
    list.splice(0, list.length - MAX_SAMPLES)
    store.dropped++
  }
}
const renderedAt: number[] = []
let pending: { tick: number; receivedAt: number } | null = null

/** Called when a delta arrives, before it is applied. */
export function deltaReceived(tick: number): void {
  pending = { tick, receivedAt: performance.now() }
}

/** Called after React committed the snapshot of `tick`. */
export function committed(tick: number): void {
  const p = pending
  if (!p || p.tick !== tick) return
  pending = null
  keep(store.commitSamples, performance.now() - p.receivedAt)
  requestAnimationFrame(() => {
    const now = performance.now()
    keep(store.samples, now - p.receivedAt)
    renderedAt.push(now)
    while (renderedAt.length > 0 && renderedAt[0] < now - 60_000) renderedAt.shift()
  })
}

/** Updates drawn in the last minute. */
export function updatesPerMinute(): number {
  const cutoff = performance.now() - 60_000
  while (renderedAt.length > 0 && renderedAt[0] < cutoff) renderedAt.shift()
  return renderedAt.length
}
