// Work order drill-down: GET /api/v1/workorders (filters and paging) and
// GET /api/v1/workorders/:id/timeline.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { PRIORITIES, WORKORDER_CATEGORIES } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { entityTimeline } from '../queries/entity-timeline.ts'
import { listWorkorders } from '../queries/workorder-list.ts'
import { AT_RISK_FRACTION } from '../sla/workorder-sla.ts'
import { Nullable, OneOf, Page, PagingQuery } from './route-schemas.ts'
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
  overdue: Type.Boolean(),
  at_risk: Type.Boolean(),
})

export default async function workorderRoutes(
  app: FastifyInstance,
  opts: { territory: Territory; now: () => Date },
): Promise<void> {
  const Query = Type.Object(
    {
      status: Type.Optional(OneOf(STATUSES, 'current status')),
      category: Type.Optional(OneOf(WORKORDER_CATEGORIES, 'category')),
      region: Type.Optional(OneOf(opts.territory.regions.map((r) => r.code), 'region code')),
      team: Type.Optional(OneOf(opts.territory.teams.map((t) => t.code), 'team dispatched to')),
      open: Type.Optional(Type.Boolean({ description: 'true: not closed; false: closed' })),
      overdue: Type.Optional(Type.Boolean({ description: 'a pending SLA deadline has passed' })),
      at_risk: Type.Optional(
        Type.Boolean({ description: `less than ${AT_RISK_FRACTION * 100}% of a pending deadline's span is left` }),
      ),
      ...PagingQuery,
    },
    { additionalProperties: false },
  )
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
