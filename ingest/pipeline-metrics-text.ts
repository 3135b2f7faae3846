// The ingest pipeline's counters as Prometheus text: the deployed ingest
// process's /metrics, and the server's when the pipeline runs inside it.
import { LATENCY_BUCKETS, type IngestMetrics } from './ingest-metrics.ts'
import { histogram, metric, type Labels } from '../server/metrics/prometheus-text.ts'

export function pipelineMetricsText(m: IngestMetrics, buffered?: number): string {
  const newest = m.newestStored === null ? [] : ([[{}, Date.parse(m.newestStored) / 1000]] as Array<[Labels, number]>)
  return [
    metric('cc_ingest_events_accepted_total', 'counter', 'Events accepted by the ingest pipeline', [[{}, m.acceptedTotal]]),
    metric('cc_ingest_events_inserted_total', 'counter', 'Events stored (duplicates excluded)', [[{}, m.insertedTotal]]),
    metric('cc_ingest_duplicates_total', 'counter', 'Events dropped as duplicates', [[{}, m.duplicatesTotal]]),
    metric('cc_ingest_dead_letters_total', 'counter', 'Inputs dead-lettered, by reason',
      [...m.deadLettered].map(([reason, n]) => [{ reason }, n] as [Labels, number])),
    metric('cc_ingest_insert_failures_total', 'counter', 'Failed inserts (retried)', [[{}, m.insertFailuresTotal]]),
    metric('cc_ingest_buffered_events', 'gauge', 'Events waiting to be stored', buffered === undefined ? [] : [[{}, buffered]]),
    metric('cc_ingest_newest_stored_timestamp_seconds', 'gauge', 'occurred_at of the newest event stored by this process', newest),
    histogram('cc_ingest_batch_latency_seconds', 'Time from an event buffered to its batch stored', {
      bounds: LATENCY_BUCKETS,
      counts: m.latencyBuckets,
      sum: m.latencySumSeconds,
      count: m.latencyCount,
    }),
  ].join('')
}
