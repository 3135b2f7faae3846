// Outage drill-down: GET /api/v1/outages (filters, search, sort and paging),
// GET /api/v1/outages/export (the same filters as a CSV or XLSX file) and
// GET /api/v1/outages/:id/timeline.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { OUTAGE_KINDS } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { entityTimeline } from '../queries/entity-timeline.ts'
import { exportFile } from '../export/table-export.ts'
import { listOutages, OUTAGE_SORTS } from '../queries/outage-list.ts'
import { regionNamer } from './region-names.ts'
import { EXPORT_MAX_ROWS, ExportOptions, Nullable, OneOf, Page, PagingQuery } from './route-schemas.ts'
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

const EXPORT_COLUMNS = [
  'outage_id', 'region', 'region_name', 'kind', 'feeder', 'cause', 'customers_affected', 'key_customers_affected', 'customers_notified',
  'started_at', 'etr', 'restored_at', 'first_notified_at', 'active', 'etr_overrun',
] as const

export default async function outageRoutes(app: FastifyInstance, opts: { territory: Territory; now: () => Date }): Promise<void> {
  const Filters = {
    active: Type.Optional(Type.Boolean({ description: 'true: started and not restored; false: restored' })),
    kind: Type.Optional(OneOf(OUTAGE_KINDS, 'outage kind')),
    region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
    key_customers: Type.Optional(Type.Boolean({ description: 'true: key customers off supply' })),
    etr_overrun: Type.Optional(Type.Boolean({ description: 'true: active and past its ETR' })),
    q: Type.Optional(Type.String({ maxLength: 64, description: 'part of the outage id or feeder, any case' })),
    started_since: Type.Optional(Type.String({ format: 'date-time', description: 'started at or after this' })),
    started_until: Type.Optional(Type.String({ format: 'date-time', description: 'started before this' })),
    sort: Type.Optional(OneOf(OUTAGE_SORTS, 'customers (default): active first, most customers; started: newest; etr: earliest ETR')),
  }
  const Query = Type.Object({ ...Filters, ...PagingQuery }, { additionalProperties: false })
  const ExportQuery = Type.Object({ ...Filters, ...ExportOptions }, { additionalProperties: false })
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

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/outages/export',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Outages as a CSV or XLSX file, with the filters and order of the list',
        description: `At most ${EXPORT_MAX_ROWS} rows; x-total-count says how many the file holds.`,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, lang, ...filters } = request.query
      const page = await listOutages(app.ch, { ...filters, limit: EXPORT_MAX_ROWS, offset: 0 }, opts.now())
      const regionName = regionNamer(opts.territory, lang)
      const rows = page.items.map((o) => ({ ...o, region_name: regionName(o.region) }))
      const file = await exportFile({ name: 'outages', columns: EXPORT_COLUMNS, rows }, format)
      return reply.headers(file.headers).send(file.body)
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
