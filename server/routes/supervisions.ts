// Supervision orders (督办, DOMAIN.md §4) for the desk: issue one, list them,
// read one with its history, close or return a replied one. Officers and up
// act (route-access.ts); the loop itself is server/supervision/.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { SUPERVISION_OUTCOMES, SUPERVISION_TARGET_TYPES } from '../../schemas/events.ts'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'
import { SupervisionError, type SupervisionService } from '../supervision/supervision-service.ts'
import type { Step, Supervision } from '../supervision/supervision-store.ts'
import { SUPERVISION_STATES, SupervisionOut, SupervisionStepOut as StepOut } from '../../schemas/supervision.ts'
import { exportFile } from '../export/table-export.ts'
import { regionNamer } from './region-names.ts'
import { EXPORT_MAX_ROWS, ExportOptions, OneOf, Page, PagingQuery } from './route-schemas.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null
const out = (o: Supervision, now: Date) => ({
  ...o,
  created_at: o.created_at.toISOString(),
  issued_at: o.issued_at.toISOString(),
  due_at: o.due_at.toISOString(),
  overdue: (o.state === 'issued' || o.state === 'received') && o.due_at.getTime() < now.getTime(),
  received_at: iso(o.received_at),
  replied_at: iso(o.replied_at),
  reminded_at: iso(o.reminded_at),
  alerted_at: iso(o.alerted_at),
  closed_at: iso(o.closed_at),
})
const stepOut = (s: Step) => ({ ...s, at: s.at.toISOString() })

function httpError(err: unknown): never {
  if (err instanceof SupervisionError) {
    const code = { 400: 'bad_request', 404: 'not_found', 409: 'conflict', 503: 'unavailable' }[err.status]
    throw new HttpError(err.status, code, err.message)
  }
  throw err
}

const body = (teams: string[]) => Type.Object(
  {
    target_type: OneOf(SUPERVISION_TARGET_TYPES, 'workorder, outage or alert'),
    target_id: Type.String({ minLength: 1, maxLength: 128 }),
    team: Type.Optional(OneOf(teams, "a team of the territory; default: the team the work order was dispatched to")),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    action: Type.String({ minLength: 1, maxLength: 2000 }),
    due_in_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 * 24 * 60, description: 'default 120; 60 for a complaint work order' })),
  },
  { additionalProperties: false },
)
const Filters = {
  state: Type.Optional(OneOf(SUPERVISION_STATES, 'current state')),
  team: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "the target's region" })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: unanswered past the deadline; false: not' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'created (first issued) at or after this' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'created before this' })),
}
const Query = Type.Object({ ...Filters, ...PagingQuery, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'page size' }) }, { additionalProperties: false })
const ExportQuery = Type.Object({ ...Filters, ...ExportOptions }, { additionalProperties: false })
const EXPORT_COLUMNS = [
  'id', 'state', 'overdue', 'target_type', 'target_id', 'region', 'region_name', 'team', 'reason', 'action', 'round', 'issued_by',
  'issued_at', 'due_at', 'received_at', 'replied_at', 'reply', 'reminded_at', 'alerted_at', 'outcome', 'closed_at',
] as const
/** The created-at period a list is narrowed to (a bulletin's day or week). */
const periodOf = (since: string | undefined, until: string | undefined) => ({
  ...(since === undefined ? {} : { since: new Date(since) }),
  ...(until === undefined ? {} : { until: new Date(until) }),
})
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) })
const CloseBody = Type.Object(
  { outcome: OneOf(SUPERVISION_OUTCOMES, 'accepted, or returned for rework'), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)

export default async function supervisionRoutes(app: FastifyInstance, opts: { service: SupervisionService; territory: Territory; now: () => Date }): Promise<void> {
  const { service, now } = opts
  const tags = ['supervision']
  const Body = body(opts.territory.teams.map((t) => t.code))

  app.post<{ Body: Static<ReturnType<typeof body>> }>(
    '/supervisions',
    { schema: { tags, summary: 'Issue a supervision order to the team responsible', body: Body, response: { 201: SupervisionOut, 404: ErrorSchema, 503: ErrorSchema, ...errorResponses } } },
    async (request, reply) => {
      const order = await service.issue(request.body, request.principal, clientAddress(request)).catch(httpError)
      return reply.code(201).send(out(order, now()))
    },
  )

  app.get<{ Querystring: Static<typeof Query> }>(
    '/supervisions',
    { schema: { tags, summary: 'Supervision orders, newest first, a page at a time', querystring: Query, response: { 200: Page(SupervisionOut), ...errorResponses } } },
    async (request) => {
      const { overdue, since, until, ...filter } = request.query
      const at = now()
      const page = await service.orders.list({ ...filter, ...periodOf(since, until), ...(overdue === undefined ? {} : { overdue: { at, value: overdue } }) })
      return { total: page.total, limit: filter.limit, offset: filter.offset, items: page.items.map((o) => out(o, at)) }
    },
  )

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/supervisions/export',
    {
      schema: {
        tags,
        summary: 'Supervision orders as a CSV or XLSX file, with the filters of the list',
        description: `At most ${EXPORT_MAX_ROWS} rows; x-total-count says how many the file holds.`,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, lang, overdue, since, until, ...filter } = request.query
      const at = now()
      const page = await service.orders.list({ ...filter, ...periodOf(since, until), ...(overdue === undefined ? {} : { overdue: { at, value: overdue } }), limit: EXPORT_MAX_ROWS })
      const regionName = regionNamer(opts.territory, lang)
      const rows = page.items.map((o) => ({ ...out(o, at), region_name: regionName(o.region) }))
      const file = await exportFile({ name: 'supervisions', columns: EXPORT_COLUMNS, rows }, format)
      return reply.headers(file.headers).send(file.body)
    },
  )

  app.get<{ Params: Static<typeof Params> }>(
    '/supervisions/:id',
    { schema: { tags, summary: 'One supervision order with its history', params: Params, response: { 200: Type.Object({ supervision: SupervisionOut, history: Type.Array(StepOut) }), 404: ErrorSchema, ...errorResponses } } },
    async (request) => {
      const order = await service.orders.get(request.params.id)
      if (!order) throw new HttpError(404, 'not_found', `no supervision order ${request.params.id}`)
      return { supervision: out(order, now()), history: (await service.orders.history(order.id)).map(stepOut) }
    },
  )

  app.post<{ Params: Static<typeof Params>; Body: Static<typeof CloseBody> }>(
    '/supervisions/:id/close',
    { schema: { tags, summary: 'Close a replied order (accepted) or return it for rework (issued again)', params: Params, body: CloseBody, response: { 200: SupervisionOut, 404: ErrorSchema, 409: ErrorSchema, 503: ErrorSchema, ...errorResponses } } },
    async (request) => {
      const { outcome, comment } = request.body
      const order = await service.close(request.params.id, outcome, comment, request.principal, clientAddress(request)).catch(httpError)
      return out(order, now())
    },
  )
}
