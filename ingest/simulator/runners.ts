// Driving a simulator: as fast as possible up to a time (backfill), or in
// step with the wall clock at some speed (real time). Both hand lines to an
// async sink and wait for it, so a slow consumer slows the producer down.
import { MINUTE } from './clock.ts'
import type { Simulator } from './simulator.ts'

export type LineSink = (lines: string[]) => Promise<void>

const BACKFILL_CHUNK_LINES = 5000

/**
 * Generates from the simulator's cursor to `to`, handing chunks of about
 * 5,000 lines (at least one simulated minute) to `sink`. Returns the number of lines.
 */
export async function backfill(
  sim: Simulator,
  to: Date,
  sink: LineSink,
  onProgress?: (done: number, events: number) => void,
): Promise<number> {
  const from = sim.cursor.getTime()
  const end = to.getTime()
  let total = 0
  let chunk: string[] = []
  for (let t = from; t < end; ) {
    t = Math.min(t + MINUTE, end)
    const lines = sim.advance(new Date(t))
    total += lines.length
    chunk = chunk.length === 0 ? lines : chunk.concat(lines)
    if (chunk.length >= BACKFILL_CHUNK_LINES || t === end) {
      if (chunk.length > 0) await sink(chunk)
      chunk = []
      onProgress?.((t - from) / (end - from), total)
    }
  }
  return total
}

export interface RealtimeOptions {
  /** Simulated seconds per real second. */
  speed: number
  /**
   * The wall-clock time (epoch ms) the simulator's cursor stands for; default:
   * now. A simulator backfilled up to the moment its backfill started stands
   * for that moment, so its first step catches up the time the backfill took
   * and, at speed 1, it then produces events for now.
   */
  clockAt?: number
  intervalMs?: number
  sink: LineSink
  /** Called after every step, whether or not it produced events: the simulator's flow is alive. */
  onStep?: () => void
  /** Called with a failed step's error; the run goes on. Without it, the run stops and stop() rejects. */
  onError?: (err: Error) => void
}

/** Advances to cursor + (now − clockAt) × speed every interval; stop() resolves once the last chunk was handed over. */
export function runRealtime(sim: Simulator, opts: RealtimeOptions): { stop(): Promise<void> } {
  if (!(opts.speed > 0)) throw new RangeError(`speed must be positive, got ${opts.speed}`)
  const intervalMs = opts.intervalMs ?? 200
  const realStart = opts.clockAt ?? Date.now()
  const simStart = sim.cursor.getTime()
  let stopped = false
  let failure: Error | undefined
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> = Promise.resolve()

  const step = async () => {
    const lines = sim.advance(new Date(simStart + (Date.now() - realStart) * opts.speed))
    if (lines.length > 0) await opts.sink(lines)
    opts.onStep?.()
  }
  const fail = (err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err))
    if (opts.onError) opts.onError(error)
    else {
      failure = error
      stopped = true
    }
  }
  // Steps never overlap: the next is timed from the end of the previous one.
  const loop = () => {
    inFlight = step()
      .catch(fail)
      .then(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs)
      })
  }
  loop()

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await inFlight
      if (failure) throw failure
      await step().catch(fail)
      if (failure) throw failure
    },
  }
}
