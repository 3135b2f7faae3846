// Bulletins (日预警、周通报): the list, one with its figures, its PDF and XLSX
// (`/bulletins/{id}/pdf`, `/bulletins/{id}/xlsx`, `?lang=en` for English),
// and one made on request for a past period (leads and up; route-access.ts).
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { BULLETIN_KINDS, type Bulletin } from '../../schemas/bulletins.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { BulletinConfig } from '../bulletins/bulletin-config.ts'
import { parseDate } from '../bulletins/bulletin-periods.ts'
import { bulletinPdf, FontMissingError } from '../bulletins/bulletin-pdf.ts'
import { BulletinError, type BulletinService } from '../bulletins/bulletin-service.ts'
import { Speaker } from '../bulletins/bulletin-words.ts'
import { bulletinXlsx } from '../bulletins/bulletin-xlsx.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'
import { Nullable, OneOf } from './route-schemas.ts'

const Kind = OneOf(BULLETIN_KINDS, 'daily (日预警) or weekly (周通报)')
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a local date of the center, YYYY-MM-DD' })
const Params = Type.Object({ id: Type.String({ pattern: '^(daily|weekly)-\\d{4}-\\d{2}-\\d{2}$', description: 'the kind and the first day, e.g. daily-2026-12-01' }) })
const FileQuery = Type.Object({ lang: Type.Optional(OneOf(['zh', 'en'] as const, 'the language of the file: zh (default) or en')) }, { additionalProperties: false })
const ListQuery = Type.Object(
  { kind: Type.Optional(Kind), limit: Type.Integer({ minimum: 1, maximum: 500, default: 60 }) },
  { additionalProperties: false },
)
const CreateBody = Type.Object(
  { kind: Kind, period_start: Type.Unsafe<string>({ ...Day, description: 'the first day of the period: any day for a daily one, a Monday for a weekly one; the period must be over' }) },
  { additionalProperties: false },
)
const Summary = Type.Object({
  id: Type.String(),
  kind: Kind,
  period_start: Day,
  period_end: Day,
  generated_at: Type.String({ format: 'date-time' }),
  generated_by: Type.String({ description: '"schedule", or the lead who asked for it' }),
  pushed_at: Nullable(Type.String({ format: 'date-time' })),
  alerts_fired: Type.Integer(),
  red_items: Type.Integer({ description: "regions' KPIs that ended the period red" }),
  supervision_timeliness: Nullable(Type.Number()),
  outages_started: Type.Integer(),
  customer_minutes_lost: Type.Number(),
})
const BulletinOut = Type.Unsafe<Bulletin>({
  type: 'object',
  additionalProperties: true,
  description: 'The bulletin: its period, KPIs by region against target, worst items, alerts by rule and region, supervision orders, outages (schemas/bulletins.ts)',
})

export interface BulletinRoutesOptions {
  service: BulletinService
  territory: Territory
  font: BulletinConfig['font']
}

function httpError(err: unknown): never {
  if (err instanceof BulletinError) throw new HttpError(err.status, err.status === 400 ? 'bad_request' : 'conflict', err.message)
  throw err
}

export default async function bulletinRoutes(app: FastifyInstance, opts: BulletinRoutesOptions): Promise<void> {
  const { service } = opts
  const tags = ['bulletins']
  const one = async (id: string) => {
    const b = await service.bulletins.get(id)
    if (!b) throw new HttpError(404, 'not_found', `no bulletin ${id}`)
    return b
  }
  const speaker = (lang: 'zh' | 'en' | undefined) => new Speaker(lang ?? 'zh', opts.territory)
  const fileName = (b: Bulletin, ext: string) => `attachment; filename="bulletin-${b.id}.${ext}"`

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/bulletins',
    { schema: { tags, summary: 'Bulletins made so far, the latest period first', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Summary) }), ...errorResponses } } },
    async (request) => ({ items: await service.bulletins.list(request.query.kind, request.query.limit) }),
  )

  app.post<{ Body: Static<typeof CreateBody> }>(
    '/bulletins',
    { schema: { tags, summary: 'Make the bulletin of a past period now (not pushed); 409 when it exists', body: CreateBody, response: { 201: BulletinOut, 409: ErrorSchema, ...errorResponses } } },
    async (request, reply) => {
      const first = parseDate(request.body.period_start)
      if (!first) throw new HttpError(400, 'bad_request', `period_start ${request.body.period_start} is not a date`)
      const made = await service.request(request.body.kind, first, request.principal, clientAddress(request)).catch(httpError)
      return reply.code(201).send(made)
    },
  )

  app.get<{ Params: Static<typeof Params> }>(
    '/bulletins/:id',
    { schema: { tags, summary: 'One bulletin with all its figures', params: Params, response: { 200: BulletinOut, 404: ErrorSchema, ...errorResponses } } },
    async (request) => one(request.params.id),
  )

  app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof FileQuery> }>(
    '/bulletins/:id/pdf',
    { schema: { tags, summary: 'One bulletin as a PDF (A4 landscape)', params: Params, querystring: FileQuery, response: { 404: ErrorSchema, 503: ErrorSchema, ...errorResponses } } },
    async (request, reply) => {
      const b = await one(request.params.id)
      const pdf = await bulletinPdf(b, speaker(request.query.lang), opts.font).catch((err: unknown) => {
        if (err instanceof FontMissingError) throw new HttpError(503, 'unavailable', err.message)
        throw err
      })
      return reply.header('content-type', 'application/pdf').header('content-disposition', fileName(b, 'pdf')).send(pdf)
    },
  )

  app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof FileQuery> }>(
    '/bulletins/:id/xlsx',
    { schema: { tags, summary: 'One bulletin as an XLSX workbook, a sheet per table', params: Params, querystring: FileQuery, response: { 404: ErrorSchema, ...errorResponses } } },
    async (request, reply) => {
      const b = await one(request.params.id)
      const xlsx = await bulletinXlsx(b, speaker(request.query.lang))
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', fileName(b, 'xlsx'))
        .send(xlsx)
    },
  )
}
