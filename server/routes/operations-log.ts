// The operations log (运行日志, DOMAIN.md §4): POST /api/v1/log (an officer's
// entry), GET /api/v1/log (search by time, text, category and entity, newest
// first, paged) and GET /api/v1/log/export (the same search as CSV or XLSX).
// The system's own entries are written by server/oplog/writers.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { LOG_CATEGORIES, LOG_TARGET_TYPES } from '../../schemas/operations-log.ts'
import { exportFile } from '../export/table-export.ts'
import { errorResponses, HttpError } from '../http-error.ts'
import type { OperationsLog } from '../oplog/operations-log.ts'
import { clientAddress } from '../plugins/access.ts'
import { EXPORT_MAX_ROWS, Nullable, OneOf, Page, PagingQuery } from './route-schemas.ts'

const Time = Type.String({ format: 'date-time' })
export const LogEntryOut = Type.Object({
  id: Type.Integer(),
  at: Time,
  category: OneOf(LOG_CATEGORIES, 'what the entry is about'),
  text: Type.String(),
  target_type: Nullable(OneOf(LOG_TARGET_TYPES, 'the kind of entity it is about')),
  target_id: Nullable(Type.String()),
  author: Type.String({ description: 'a username, or "system" for the entries the system writes' }),
  author_name: Type.String(),
  kind: Nullable(Type.String({ description: 'what the system reported, e.g. alert.firing, supervision.overdue, handover.confirmed; null for a person’s entry' })),
  notable: Type.Boolean({ description: 'listed in the handover: every person’s entry, and the system’s that say something went wrong' }),
})

const Body = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
    category: OneOf(LOG_CATEGORIES, 'shift, alert, supervision, outage, workorder, display, source or note'),
    target_type: Type.Optional(OneOf(LOG_TARGET_TYPES, 'the kind of entity the entry is about (with target_id)')),
    target_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
)

const Filters = {
  since: Type.Optional(Type.String({ format: 'date-time', description: 'entries at or after this instant' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'entries before this instant' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words that must all appear in the text, the entity’s id or the author, any case (Chinese words too)' })),
  category: Type.Optional(OneOf(LOG_CATEGORIES, 'one category')),
  target_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'entries about this entity' })),
}
const Query = Type.Object({ ...Filters, ...PagingQuery }, { additionalProperties: false })
const ExportQuery = Type.Object(
  { ...Filters, format: Type.Unsafe<'csv' | 'xlsx'>({ type: 'string', enum: ['csv', 'xlsx'], default: 'csv', description: 'csv (UTF-8 with BOM) or xlsx' }) },
  { additionalProperties: false },
)
const EXPORT_COLUMNS = ['id', 'at', 'category', 'text', 'target_type', 'target_id', 'author', 'author_name', 'kind', 'notable'] as const

function range(q: { since?: string; until?: string }): { since?: Date; until?: Date } {
  const since = q.since === undefined ? undefined : new Date(q.since)
  const until = q.until === undefined ? undefined : new Date(q.until)
  if (since && until && since >= until) throw new HttpError(400, 'bad_request', 'since must be before until')
  return { since, until }
}

export default async function operationsLogRoutes(app: FastifyInstance, opts: { log: OperationsLog }): Promise<void> {
  const tags = ['operations log']

  app.post<{ Body: Static<typeof Body> }>(
    '/log',
    { schema: { tags, summary: 'Write an entry in the operations log (officer and up)', body: Body, response: { 201: LogEntryOut, ...errorResponses } } },
    async (request, reply) => {
      const { target_type, target_id } = request.body
      if ((target_type === undefined) !== (target_id === undefined)) throw new HttpError(400, 'bad_request', 'target_type and target_id go together: name both, or neither')
      const who = request.principal
      if (who?.kind !== 'person') throw new HttpError(403, 'forbidden', 'only a person writes in the operations log')
      const entry = await opts.log.writeBy(who, { ...request.body, text: request.body.text.trim() }, clientAddress(request))
      return reply.code(201).send(entry)
    },
  )

  app.get<{ Querystring: Static<typeof Query> }>(
    '/log',
    {
      schema: {
        tags,
        summary: 'The operations log, newest first, searched and paged',
        description: 'Text search matches every word of q anywhere in the text (ILIKE, so Chinese words match); bound it with since/until on a long log.',
        querystring: Query,
        response: { 200: Page(LogEntryOut), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, since, until, ...filters } = request.query
      const page = await opts.log.search({ ...filters, ...range({ since, until }), limit, offset })
      return { ...page, limit, offset }
    },
  )

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/log/export',
    {
      schema: {
        tags,
        summary: 'The operations log as a CSV or XLSX file, with the filters and order of the list',
        description: `At most ${EXPORT_MAX_ROWS} rows; x-total-count says how many the file holds.`,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, since, until, ...filters } = request.query
      const page = await opts.log.search({ ...filters, ...range({ since, until }), limit: EXPORT_MAX_ROWS, offset: 0 })
      const file = await exportFile({ name: 'operations-log', columns: EXPORT_COLUMNS, rows: page.items.map((e) => ({ ...e })) }, format)
      return reply.headers(file.headers).send(file.body)
    },
  )
}
