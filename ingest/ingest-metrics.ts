// Counters and latencies of the ingest pipeline. The pipeline keeps plain
// numbers on its hot path (it reads some of them itself: a health answer, a
// replay's summary); they are registered in the process's Prometheus
// registry and read at scrape time.
import { Histogram } from 'prom-client'
import type { DomainEvent } from '../schemas/events.ts'
import { counterOf, gaugeOf, type Registry } from '../core/metrics/registry.ts'

/** Upper bounds (seconds) of the batch latency histogram buckets. */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]

export class IngestMetrics {
  acceptedTotal = 0
  insertedTotal = 0
  duplicatesTotal = 0
  insertFailuresTotal = 0
  pausedTotal = 0
  batchesTotal = 0
  readonly deadLettered = new Map<string, number>()
  /** Newest occurred_at stored so far (ISO), a hint of how fresh storage is. */
  newestStored: string | null = null
  readonly batchLatency: Histogram

  constructor(registry: Registry, buffered: () => number) {
    const c = (name: string, help: string, read: () => number) => counterOf(registry, { name, help }, read)
    c('cc_ingest_events_accepted_total', 'Events accepted by the ingest pipeline', () => this.acceptedTotal)
    c('cc_ingest_events_inserted_total', 'Events stored (duplicates excluded)', () => this.insertedTotal)
    c('cc_ingest_duplicates_total', 'Events dropped as duplicates', () => this.duplicatesTotal)
    c('cc_ingest_insert_failures_total', 'Failed inserts (retried)', () => this.insertFailuresTotal)
    c('cc_ingest_source_pauses_total', 'Times a source had to wait because the buffer was full', () => this.pausedTotal)
    c('cc_ingest_batches_total', 'Batches stored', () => this.batchesTotal)
    counterOf(registry, { name: 'cc_ingest_dead_letters_total', help: 'Inputs dead-lettered, by reason', labelNames: ['reason'] }, () =>
      [...this.deadLettered].map(([reason, n]) => [{ reason }, n]),
    )
    gaugeOf(registry, { name: 'cc_ingest_buffered_events', help: 'Events waiting to be stored' }, buffered)
    gaugeOf(registry, { name: 'cc_ingest_newest_stored_timestamp_seconds', help: 'occurred_at of the newest event stored by this process' }, () =>
      this.newestStored === null ? [] : Date.parse(this.newestStored) / 1000,
    )
    this.batchLatency = new Histogram({
      name: 'cc_ingest_batch_latency_seconds',
      help: 'Time from an event buffered to its batch stored',
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    })
  }

  rejected(code: string): void {
    this.deadLettered.set(code, (this.deadLettered.get(code) ?? 0) + 1)
  }

  batchStored(latencyMs: number, batch: { event: DomainEvent }[]): void {
    this.batchesTotal += 1
    this.batchLatency.observe(latencyMs / 1000)
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
