// Outage drill-down: GET /api/v1/outages (filters and paging) and
// GET /api/v1/outages/:id/timeline.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { OUTAGE_KINDS } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { entityTimeline } from '../queries/entity-timeline.ts'
import { listOutages } from '../queries/outage-list.ts'
import { Nullable, OneOf, Page, PagingQuery } from './route-schemas.ts'
import { EntityIdParams, TimelineResponse } from './timeline-schema.ts'

const Outage = Type.Object({
  outage_id: Type.String(),
  region: Type.String(),
  kind: Type.String(),
  feeder: Type.String(),
  cause: Type.String(),
  customers_affected: Type.Integer(),
  key_customers_affected: Type.Integer(),
  customers_notified: Type.Integer(),
  started_at: Nullable(Type.String({ format: 'date-time' })),
  etr: Nullable(Type.String({ format: 'date-time', description: 'estimated time of restoration' })),
  restored_at: Nullable(Type.String({ format: 'date-time' })),
  first_notified_at: Nullable(Type.String({ format: 'date-time' })),
  active: Type.Boolean(),
  etr_overrun: Type.Boolean({ description: 'active and past its ETR' }),
})

export default async function outageRoutes(app: FastifyInstance, opts: { territory: Territory; now: () => Date }): Promise<void> {
  const Query = Type.Object(
    {
      active: Type.Optional(Type.Boolean({ description: 'true: started and not restored; false: restored' })),
      kind: Type.Optional(OneOf(OUTAGE_KINDS, 'outage kind')),
      region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
      ...PagingQuery,
    },
    { additionalProperties: false },
  )
  app.get<{ Querystring: Static<typeof Query> }>(
    '/outages',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Outages, filtered and paged',
        description: 'Active first, then by customers affected. Outages announced but not started yet are not listed.',
        querystring: Query,
        response: { 200: Page(Outage), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query
      const page = await listOutages(app.ch, { ...filters, limit, offset }, opts.now())
      return { ...page, limit, offset }
    },
  )

  app.get<{ Params: Static<typeof EntityIdParams> }>(
    '/outages/:id/timeline',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Every event of one outage, in the order they happened',
        params: EntityIdParams,
        response: { 200: TimelineResponse, 404: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const events = await entityTimeline(app.ch, 'outage', request.params.id)
      if (events.length === 0) throw new HttpError(404, 'not_found', `no events for outage '${request.params.id}'`)
      return { entity_id: request.params.id, events }
    },
  )
}
