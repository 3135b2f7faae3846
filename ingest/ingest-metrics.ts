// Counters and latencies of the ingest pipeline, read by /metrics and by
// `npm run stats`-style reports. Plain numbers: cheap to bump on the hot path.
import type { DomainEvent } from '../schemas/events.ts'

/** Upper bounds (seconds) of the batch latency histogram buckets. */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30] as const

export class IngestMetrics {
  acceptedTotal = 0
  insertedTotal = 0
  duplicatesTotal = 0
  insertFailuresTotal = 0
  pausedTotal = 0
  batchesTotal = 0
  readonly deadLettered = new Map<string, number>()
  /** Cumulative counts per LATENCY_BUCKETS bound, plus sum and count. */
  readonly latencyBuckets: number[] = LATENCY_BUCKETS.map(() => 0)
  latencySumSeconds = 0
  latencyCount = 0
  /** Newest occurred_at stored so far (ISO), a hint of how fresh storage is. */
  newestStored: string | null = null

  rejected(code: string): void {
    this.deadLettered.set(code, (this.deadLettered.get(code) ?? 0) + 1)
  }

  batchStored(latencyMs: number, batch: { event: DomainEvent }[]): void {
    this.batchesTotal += 1
    const seconds = latencyMs / 1000
    this.latencySumSeconds += seconds
    this.latencyCount += 1
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.latencyBuckets[i] += 1
    })
    for (const { event } of batch) {
      if (this.newestStored === null || event.occurred_at > this.newestStored) this.newestStored = event.occurred_at
    }
  }

  get deadLetteredTotal(): number {
    let total = 0
    for (const n of this.deadLettered.values()) total += n
    return total
  }
}
