// Agent drill-down: GET /api/v1/agents, each agent's latest state (filters,
// search, sort, paging), and GET /api/v1/agents/export, the same as a file.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AGENT_STATES } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { exportFile } from '../export/table-export.ts'
import { errorResponses } from '../http-error.ts'
import { AGENT_SORTS, listAgents } from '../queries/agent-list.ts'
import { regionNamer } from './region-names.ts'
import { EXPORT_MAX_ROWS, ExportOptions, Nullable, OneOf, Page, PagingQuery, SearchQuery } from './route-schemas.ts'

const Agent = Type.Object({
  agent_id: Type.String(),
  team: Type.String(),
  region: Type.String(),
  state: Type.String(),
  reason: Type.String(),
  since: Nullable(Type.String({ format: 'date-time' })),
  state_seconds: Type.Integer({ description: 'time in the current state' }),
})

const EXPORT_COLUMNS = ['agent_id', 'team', 'region', 'region_name', 'state', 'reason', 'since', 'state_seconds'] as const

export default async function agentRoutes(app: FastifyInstance, opts: { territory: Territory; now: () => Date }): Promise<void> {
  const Filters = {
    state: Type.Optional(OneOf(AGENT_STATES, 'current state')),
    team: Type.Optional(OneOf(opts.territory.teams.map((t) => t.code), 'team')),
    region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
    q: Type.Optional(SearchQuery),
    sort: Type.Optional(OneOf(AGENT_SORTS, 'team (default): by team and id; longest: longest in their state first')),
  }
  const Query = Type.Object({ ...Filters, ...PagingQuery }, { additionalProperties: false })
  const ExportQuery = Type.Object({ ...Filters, ...ExportOptions }, { additionalProperties: false })
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

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/agents/export',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Agents as a CSV or XLSX file, with the filters and order of the list',
        description: `At most ${EXPORT_MAX_ROWS} rows; x-total-count says how many the file holds.`,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, lang, ...filters } = request.query
      const page = await listAgents(app.ch, { ...filters, limit: EXPORT_MAX_ROWS, offset: 0 }, opts.now())
      const regionName = regionNamer(opts.territory, lang)
      const rows = page.items.map((a) => ({ ...a, region_name: regionName(a.region) }))
      const file = await exportFile({ name: 'agents', columns: EXPORT_COLUMNS, rows }, format)
      return reply.headers(file.headers).send(file.body)
    },
  )
}
