// GET /metrics in the Prometheus text format: the server's tick and intake
// counters, connected screens, the ingest pipeline's counters and batch
// latency (when it runs in this process), and whatever other sources the
// process adds (e.g. Kafka consumer lag).
import type { FastifyInstance } from 'fastify'
import type { IngestMetrics } from '../../ingest/ingest-metrics.ts'
import { pipelineMetricsText } from '../../ingest/pipeline-metrics-text.ts'
import { histogram, metric } from '../metrics/prometheus-text.ts'
import type { ServerMetrics } from '../metrics/server-metrics.ts'

export type MetricsSource = () => string | Promise<string>

export interface MetricsOptions {
  server: ServerMetrics
  ingest: IngestMetrics | undefined
  connectedClients: () => number
  sources: MetricsSource[]
}

function serverText(o: MetricsOptions): string {
  const s = o.server
  return [
    histogram('cc_kpi_tick_duration_seconds', 'Duration of a KPI tick (every scope computed)', s.tickDuration),
    metric('cc_kpi_ticks_failed_total', 'counter', 'KPI ticks in which a computation failed (snapshots served stale)', [[{}, s.ticksFailedTotal]]),
    metric('cc_kpi_ticks_skipped_total', 'counter', 'KPI ticks skipped because the previous one was still running', [[{}, s.ticksSkippedTotal]]),
    metric('cc_socket_clients', 'gauge', 'Socket.IO clients connected', [[{}, o.connectedClients()]]),
    metric('cc_http_events_accepted_total', 'counter', 'Events accepted by POST /api/v1/events', [[{}, s.httpEventsAccepted]]),
    metric('cc_http_events_rejected_total', 'counter', 'Events refused by POST /api/v1/events, by reason', [...s.httpEventsRejected].map(([reason, n]) => [{ reason }, n] as [Record<string, string>, number])),
  ].join('')
}

export default async function metricsRoutes(app: FastifyInstance, opts: MetricsOptions): Promise<void> {
  app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics', produces: ['text/plain'] } }, async (_request, reply) => {
    const extra = await Promise.all(opts.sources.map(async (source) => source()))
    const text = serverText(opts) + (opts.ingest ? pipelineMetricsText(opts.ingest) : '') + extra.join('')
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text)
  })
}
