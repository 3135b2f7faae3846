// The OpenAPI document of every route (built from their TypeBox schemas) at
// /docs/json, and Swagger UI at /docs. Registered before the routes, which is
// how @fastify/swagger sees them.
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

async function openapi(app: FastifyInstance, opts: { tokenRequired: boolean }): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Service monitoring command center API',
        version: '1',
        description:
          'Rolling KPIs, drill-down and event intake of the command center. Screens receive the same snapshot over Socket.IO ' +
          '(`snapshot` on connect, `delta` every tick). ' +
          (opts.tokenRequired
            ? 'This server requires `Authorization: Bearer <API_TOKEN>` on /api/* and /metrics.'
            : 'This server runs without API_TOKEN: every route is open.'),
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: opts.tokenRequired ? [{ bearer: [] }] : [],
      tags: [
        { name: 'snapshot', description: 'The current KPIs' },
        { name: 'kpis', description: 'KPI definitions and trend series' },
        { name: 'territory', description: 'Regions, queues, teams and the map' },
        { name: 'drill-down', description: 'Work orders, outages and agents' },
        { name: 'events', description: 'Event intake' },
        { name: 'wall', description: 'Wall layouts and displays' },
        { name: 'health', description: 'Probes and metrics (open)' },
      ],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
}

export default fp(openapi, { name: 'openapi' })
