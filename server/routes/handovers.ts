// Shift handovers (交接班, DOMAIN.md §4) and the current shift's own figures:
// GET /handovers/draft (the draft of the shift at the nearest boundary,
// built on request), POST /handovers (the outgoing lead hands over with
// notes), POST /handovers/{id}/confirm (the incoming lead confirms; frozen
// from then on), GET /handovers?since=, and GET /shifts/current/figures
// (the current shift's KPIs so far, which the desk shows beside the day's).
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Roster } from '../../schemas/alerting-config.ts'
import type { ShiftKpi } from '../../schemas/handover.ts'
import { onDuty } from '../alerting/roster/on-duty.ts'
import { shiftOut } from '../handover/handover-draft.ts'
import { HandoverError, type HandoverService } from '../handover/handover-service.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'
import { HandoverDraftOut, HandoverOut } from './handover-schema.ts'
import { Nullable } from './route-schemas.ts'
import type { FastifyRequest } from 'fastify'

export interface HandoverRoutesOptions {
  service: HandoverService
  roster: () => Roster | null
  timeZone: string
  figures(lo: number, hi: number, now: Date): Promise<ShiftKpi[]>
  now: () => Date
}

const Body = Type.Object({ notes: Type.String({ maxLength: 8000, description: 'the outgoing lead’s notes for the incoming shift' }) }, { additionalProperties: false })
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) })
const ListQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time', description: 'handed over at or after this instant' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)
const Figures = Type.Object({
  at: Type.String({ format: 'date-time' }),
  shift: Nullable(Type.Object({ id: Type.String(), name: Type.String(), date: Type.String(), starts_at: Type.String(), ends_at: Type.String() })),
  team: Nullable(Type.String()),
  lead: Nullable(Type.String()),
  kpis: Type.Array(Type.Object({ id: Type.String(), value: Nullable(Type.Number()), target: Nullable(Type.Number()), status: Type.String() }), {
    description: 'every windowed KPI from the shift’s start to now, against its target; empty between shifts',
  }),
})

function httpError(err: unknown): never {
  if (err instanceof HandoverError) throw new HttpError(err.status, err.code, err.message)
  throw err
}

function person(request: FastifyRequest) {
  const who = request.principal
  if (who?.kind !== 'person') throw new HttpError(403, 'forbidden', 'only a shift lead hands over and confirms')
  return who
}

export default async function handoverRoutes(app: FastifyInstance, opts: HandoverRoutesOptions): Promise<void> {
  const { service } = opts
  const tags = ['shifts']

  app.get(
    '/handovers/draft',
    {
      schema: {
        tags,
        summary: 'The draft handover of the shift at the nearest boundary, from the data of its period',
        description:
          'In the first half of a shift, the shift that just ended (its whole period); in the second half, the current shift so far. `handover` is its record when it was handed over already.',
        response: { 200: HandoverDraftOut, 404: ErrorSchema, ...errorResponses },
      },
    },
    async () => service.draft().catch(httpError),
  )

  app.post<{ Body: Static<typeof Body> }>(
    '/handovers',
    {
      schema: {
        tags,
        summary: 'Hand over the shift (lead): the draft frozen now, with notes',
        description: 'Again before the confirmation replaces the record (200); after it, 409: add a log entry instead.',
        body: Body,
        response: { 200: HandoverOut, 201: HandoverOut, 404: ErrorSchema, 409: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { handover, created } = await service.handOver(request.body.notes.trim(), person(request), clientAddress(request)).catch(httpError)
      return reply.code(created ? 201 : 200).send(handover)
    },
  )

  app.post<{ Params: Static<typeof Params> }>(
    '/handovers/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a handover (接班确认, the incoming lead): frozen from then on',
        params: Params,
        response: { 200: HandoverOut, 404: ErrorSchema, 409: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => service.confirm(request.params.id, person(request), clientAddress(request)).catch(httpError),
  )

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/handovers',
    {
      schema: { tags, summary: 'Handover records, newest first', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(HandoverOut) }), ...errorResponses } },
    },
    async (request) => {
      const { since, limit } = request.query
      return { items: await service.list(since === undefined ? undefined : new Date(since), limit) }
    },
  )

  app.get(
    '/shifts/current/figures',
    { schema: { tags, summary: 'The current shift’s own KPIs so far, against their targets', response: { 200: Figures, ...errorResponses } } },
    async () => {
      const now = opts.now()
      const duty = onDuty(opts.roster(), opts.timeZone, now.getTime())
      const kpis = duty.shift ? await opts.figures(duty.shift.startsAt, now.getTime(), now) : []
      return { at: now.toISOString(), shift: duty.shift && shiftOut(duty.shift), team: duty.team, lead: duty.lead, kpis }
    },
  )
}
