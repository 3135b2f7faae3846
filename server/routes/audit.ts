// The audit record, for administrators: who did what to what, when, from
// where, allowed or denied; newest first, filtered and paged.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { AccessServices } from '../auth/access-services.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { PagingQuery } from './route-schemas.ts'

const Query = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'username, device:<name> or token:<name>' })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. login, request.denied, device.revoke' })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
    ...PagingQuery,
  },
  { additionalProperties: false },
)

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  role: Type.String(),
  action: Type.String(),
  target: Type.String(),
  address: Type.String(),
  outcome: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
})

export default async function auditRoutes(app: FastifyInstance, opts: { services: AccessServices }): Promise<void> {
  app.get<{ Querystring: Static<typeof Query> }>(
    '/audit',
    { schema: { tags: ['access'], summary: 'The audit log', querystring: Query, response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Entry) }), 400: ErrorSchema } } },
    async (request) => {
      const q = request.query
      const since = q.since === undefined ? undefined : new Date(q.since)
      const until = q.until === undefined ? undefined : new Date(q.until)
      if (since && until && since >= until) throw new HttpError(400, 'bad_request', 'since must be before until')
      const found = await opts.services.audit.search({ actor: q.actor, action: q.action, since, until, limit: q.limit, offset: q.offset })
      return { total: found.total, items: found.items.map((r) => ({ ...r, at: r.at.toISOString() })) }
    },
  )
}
