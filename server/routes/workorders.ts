// Work order drill-down: GET /api/v1/workorders (filters, search, sort and
// paging), GET /api/v1/workorders/export (the same filters as a CSV or XLSX
// file) and GET /api/v1/workorders/:id/timeline.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { PRIORITIES, WORKORDER_CATEGORIES } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { entityTimeline } from '../queries/entity-timeline.ts'
import { exportFile } from '../export/table-export.ts'
import { listWorkorders, WORKORDER_SORTS } from '../queries/workorder-list.ts'
import { AT_RISK_FRACTION } from '../sla/workorder-sla.ts'
import { regionNamer } from './region-names.ts'
import { EXPORT_MAX_ROWS, ExportOptions, Nullable, OneOf, Page, PagingQuery, SearchQuery } from './route-schemas.ts'
import { EntityIdParams, TimelineResponse } from './timeline-schema.ts'

/** The statuses ingest's projector gives an order (ingest/entities/workorder-state.ts). */
const STATUSES = ['created', 'dispatched', 'accepted', 'in_progress', 'resolved', 'closed', 'reopened'] as const

const Workorder = Type.Object({
  workorder_id: Type.String(),
  region: Type.String(),
  category: Type.String(),
  priority: OneOf(PRIORITIES, 'priority'),
  area_class: Type.String(),
  customer_tier: Type.String(),
  status: Type.String(),
  team: Type.String({ description: 'the team it was dispatched to; empty before dispatch' }),
  outage_id: Type.String(),
  call_id: Type.String(),
  created_at: Nullable(Type.String({ format: 'date-time' })),
  dispatched_at: Nullable(Type.String({ format: 'date-time' })),
  arrived_at: Nullable(Type.String({ format: 'date-time' })),
  resolved_at: Nullable(Type.String({ format: 'date-time' })),
  closed_at: Nullable(Type.String({ format: 'date-time' })),
  reopened_count: Type.Integer(),
  escalated_level: Type.String(),
  supervised_count: Type.Integer(),
  due_at: Nullable(Type.String({ format: 'date-time', description: 'the pending deadline nearest to breach, or the most overdue' })),
  milestone: Nullable(Type.String({ description: 'what that deadline waits for: contacted, arrived, resolved or callback' })),
  sla_left_ms: Nullable(Type.Integer({ description: 'due_at − now on the server: time left when positive, overdue by when negative' })),
  overdue: Type.Boolean(),
  at_risk: Type.Boolean(),
})

const EXPORT_COLUMNS = [
  'workorder_id', 'region', 'region_name', 'category', 'priority', 'status', 'team', 'area_class', 'customer_tier',
  'created_at', 'dispatched_at', 'arrived_at', 'resolved_at', 'closed_at', 'milestone', 'due_at', 'sla_left_ms', 'overdue', 'at_risk',
  'outage_id', 'call_id', 'reopened_count', 'escalated_level', 'supervised_count',
] as const

export default async function workorderRoutes(
  app: FastifyInstance,
  opts: { territory: Territory; now: () => Date },
): Promise<void> {
  const Filters = {
      status: Type.Optional(OneOf(STATUSES, 'current status')),
      category: Type.Optional(OneOf(WORKORDER_CATEGORIES, 'category')),
      region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
      team: Type.Optional(OneOf(opts.territory.teams.map((t) => t.code), 'team dispatched to')),
      open: Type.Optional(Type.Boolean({ description: 'true: not closed; false: closed' })),
      overdue: Type.Optional(Type.Boolean({ description: 'a pending SLA deadline has passed' })),
      at_risk: Type.Optional(
        Type.Boolean({ description: `less than ${AT_RISK_FRACTION * 100}% of a pending deadline's span is left` }),
      ),
      priority: Type.Optional(OneOf(PRIORITIES, 'priority')),
      outage: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'orders raised about this outage' })),
      call: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'orders raised from this call' })),
      q: Type.Optional(SearchQuery),
      sort: Type.Optional(OneOf(WORKORDER_SORTS, 'urgency (default): overdue, at risk, nearest deadline; due; created_desc; created_asc')),
  }
  const Query = Type.Object({ ...Filters, ...PagingQuery }, { additionalProperties: false })
  const ExportQuery = Type.Object({ ...Filters, ...ExportOptions }, { additionalProperties: false })
  app.get<{ Querystring: Static<typeof Query> }>(
    '/workorders',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Work orders, filtered and paged',
        description: 'Most urgent first: overdue, then at risk, then by the nearest pending deadline.',
        querystring: Query,
        response: { 200: Page(Workorder), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query
      const page = await listWorkorders(app.ch, { ...filters, limit, offset }, opts.now())
      return { ...page, limit, offset }
    },
  )

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/workorders/export',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Work orders as a CSV or XLSX file, with the filters and order of the list',
        description: `At most ${EXPORT_MAX_ROWS} rows; x-total-count says how many the file holds.`,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, lang, ...filters } = request.query
      const page = await listWorkorders(app.ch, { ...filters, limit: EXPORT_MAX_ROWS, offset: 0 }, opts.now())
      const regionName = regionNamer(opts.territory, lang)
      const rows = page.items.map((w) => ({ ...w, region_name: regionName(w.region) }))
      const file = await exportFile({ name: 'workorders', columns: EXPORT_COLUMNS, rows }, format)
      return reply.headers(file.headers).send(file.body)
    },
  )

  app.get<{ Params: Static<typeof EntityIdParams> }>(
    '/workorders/:id/timeline',
    {
      schema: {
        tags: ['drill-down'],
        summary: "Every event of one work order, in the order they happened",
        params: EntityIdParams,
        response: { 200: TimelineResponse, 404: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const events = await entityTimeline(app.ch, 'workorder', request.params.id)
      if (events.length === 0) throw new HttpError(404, 'not_found', `no events for work order '${request.params.id}'`)
      return { entity_id: request.params.id, events }
    },
  )
}
