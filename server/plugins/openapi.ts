// The OpenAPI document of every route (built from their TypeBox schemas) at
// /docs/json, and Swagger UI at /docs. Registered before the routes, which is
// how @fastify/swagger sees them.
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Service monitoring command center API',
        version: '1',
        description:
          'Rolling KPIs, drill-down and event intake of the command center. Screens receive the same snapshot over Socket.IO ' +
          '(`snapshot` on connect, `delta` every tick). People sign in (POST /api/v1/auth/login) and their browser sends the ' +
          'session cookie and, on every request that changes something, X-CSRF-Token; programs send ' +
          '`Authorization: Bearer <API token>` (tokens are made by an administrator, with scopes). Each route says the least role or scope it needs.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'cc_session' } } },
      security: [{ bearer: [] }, { session: [] }],
      tags: [
        { name: 'snapshot', description: 'The current KPIs' },
        { name: 'kpis', description: 'KPI definitions and trend series' },
        { name: 'territory', description: 'Regions, queues, teams and the map' },
        { name: 'drill-down', description: 'Work orders, outages and agents' },
        { name: 'events', description: 'Event intake' },
        { name: 'wall', description: 'Wall layouts, paired displays and pairing' },
        { name: 'access', description: 'Signing in, sessions, users, API tokens and the audit log' },
        { name: 'health', description: 'Probes (open) and metrics' },
        {
          name: 'alerting',
          description:
            'Alerts and their notifications; who is on duty; Web Push subscriptions of shift leads; the alerting configuration (ALERTING_FILE, with administrators’ edits over it): ' +
            'the schema of every rule kind, receiver type, route, escalation policy and roster is in the bodies below, and docs/alerting/config.md explains each field and default',
        },
        { name: 'supervision', description: 'Supervision orders (督办): issue, follow, close or return' },
      ],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
}

export default fp(openapi, { name: 'openapi' })
