// GET /metrics in the Prometheus text format: the process's registry, which
// holds the process metrics, the server's tick and intake metrics, and those
// of whatever else runs in this process (the ingest pipeline when embedded).
import type { FastifyInstance } from 'fastify'
import type { Registry } from '../../core/metrics/registry.ts'

export default async function metricsRoutes(app: FastifyInstance, opts: { registry: Registry }): Promise<void> {
  app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics', produces: ['text/plain'] } }, async (_request, reply) => {
    const text = await opts.registry.metrics()
    return reply.type(opts.registry.contentType).send(text)
  })
}
