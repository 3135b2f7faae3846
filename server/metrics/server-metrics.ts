// The server's own metrics, in the process's Prometheus registry beside the
// ingest pipeline's (when it runs in this process) and the process metrics.
import { Counter, Histogram } from 'prom-client'
import { gaugeOf, type Registry } from '../../core/metrics/registry.ts'

/** Upper bounds (seconds) of the tick duration histogram. */
export const TICK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

export class ServerMetrics {
  readonly tickDuration: Histogram
  readonly ticksFailed: Counter
  /** Ticks not started because the previous one was still running. */
  readonly ticksSkipped: Counter
  /** Events received by POST /api/v1/events and handed to the sink, or refused with a reason code. */
  readonly httpEventsAccepted: Counter
  readonly httpEventsRejected: Counter<'reason'>

  constructor(registry: Registry, connectedClients: () => number) {
    const registers = [registry]
    this.tickDuration = new Histogram({ name: 'cc_kpi_tick_duration_seconds', help: 'Duration of a KPI tick (every scope computed)', buckets: TICK_BUCKETS, registers })
    this.ticksFailed = new Counter({ name: 'cc_kpi_ticks_failed_total', help: 'KPI ticks in which a computation failed (snapshots served stale)', registers })
    this.ticksSkipped = new Counter({ name: 'cc_kpi_ticks_skipped_total', help: 'KPI ticks skipped because the previous one was still running', registers })
    this.httpEventsAccepted = new Counter({ name: 'cc_http_events_accepted_total', help: 'Events accepted by POST /api/v1/events', registers })
    this.httpEventsRejected = new Counter({ name: 'cc_http_events_rejected_total', help: 'Events refused by POST /api/v1/events, by reason', labelNames: ['reason'], registers })
    gaugeOf(registry, { name: 'cc_socket_clients', help: 'Socket.IO clients connected' }, connectedClients)
  }
}
