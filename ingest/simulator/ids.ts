// Entity ids (calls, work orders, outages, surveys). They carry a tag of the
// run (seed and start) so that two runs feeding the same store, such as a
// backfill followed by a real-time run, never share an id.
import { mixSeed } from './random.ts'

export class Ids {
  private readonly counters = new Map<string, number>()
  private readonly tag: string

  constructor(seed: number, start: number) {
    this.tag = mixSeed(seed, start, 0x1d5).toString(36).padStart(7, '0').slice(-6)
  }

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1
    this.counters.set(prefix, n)
    return `${prefix}-${this.tag}-${n}`
  }
}
