// Agent drill-down: GET /api/v1/agents, each agent's latest state, filtered and paged.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AGENT_STATES } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses } from '../http-error.ts'
import { listAgents } from '../queries/agent-list.ts'
import { Nullable, OneOf, Page, PagingQuery } from './route-schemas.ts'

const Agent = Type.Object({
  agent_id: Type.String(),
  team: Type.String(),
  region: Type.String(),
  state: Type.String(),
  reason: Type.String(),
  since: Nullable(Type.String({ format: 'date-time' })),
  state_seconds: Type.Integer({ description: 'time in the current state' }),
})

export default async function agentRoutes(app: FastifyInstance, opts: { territory: Territory; now: () => Date }): Promise<void> {
  const Query = Type.Object(
    {
      state: Type.Optional(OneOf(AGENT_STATES, 'current state')),
      team: Type.Optional(OneOf(opts.territory.teams.map((t) => t.code), 'team')),
      region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
      ...PagingQuery,
    },
    { additionalProperties: false },
  )
  app.get<{ Querystring: Static<typeof Query> }>(
    '/agents',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Agents and their current state, filtered and paged',
        querystring: Query,
        response: { 200: Page(Agent), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query
      const page = await listAgents(app.ch, { ...filters, limit, offset }, opts.now())
      return { ...page, limit, offset }
    },
  )
}
