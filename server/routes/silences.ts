// Silences (DOMAIN.md §3): quiet windows for planned work, set by leads.
// Alerts they match are still recorded and shown, flagged silenced, and not
// pushed. Every change is audited.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../access/access.ts'
import type { AlertEngine } from '../alerting/engine/alert-engine.ts'
import type { SilenceBook } from '../alerting/engine/silences.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'
import { SilenceSchema } from './alert-schemas.ts'

const NewSilence = Type.Object(
  {
    matchers: Type.Record(Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }), Type.String({ minLength: 1, maxLength: 200 }), {
      minProperties: 1,
      description: 'label values an alert must all have (rule, kind, severity, region, …)',
    }),
    starts_at: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
    ends_at: Type.String({ format: 'date-time' }),
    comment: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export interface SilenceRoutesOptions {
  silences: SilenceBook
  engine: AlertEngine
  audit: AuditLog
  now: () => Date
}

export default async function silenceRoutes(app: FastifyInstance, opts: SilenceRoutesOptions): Promise<void> {
  const tags = ['alerting']
  // Only people reach these routes (their access names a role).
  const byOf = (p: Principal) => (p.kind === 'person' ? p.username : 'unknown')

  app.get('/silences', { schema: { tags, summary: 'Silences: pending, active, and those ended within a day', response: { 200: Type.Object({ items: Type.Array(SilenceSchema) }) } } }, async () => ({ items: opts.silences.list(opts.now().getTime()) }))

  app.post<{ Body: Static<typeof NewSilence> }>(
    '/silences',
    { schema: { tags, summary: 'Silence the alerts that match, from starts_at to ends_at', body: NewSilence, response: { 201: SilenceSchema, 400: ErrorSchema } } },
    async (request, reply) => {
      const now = opts.now().getTime()
      const startsAt = request.body.starts_at === undefined ? now : Date.parse(request.body.starts_at)
      const endsAt = Date.parse(request.body.ends_at)
      if (endsAt <= startsAt || endsAt <= now) throw new HttpError(400, 'bad_request', 'ends_at must be after starts_at and in the future')
      const by = byOf(request.principal!)
      const silence = await opts.silences.add({ matchers: request.body.matchers, starts_at: startsAt, ends_at: endsAt, comment: request.body.comment, created_by: by }, now)
      await opts.audit.record({ who: request.principal, action: 'silence.create', target: silence.id, address: clientAddress(request), outcome: 'allowed', detail: { ...request.body } })
      await opts.engine.silencesChanged()
      return reply.code(201).send(silence)
    },
  )

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/silences/:id',
    { schema: { tags, summary: 'End a silence now', params: IdParams, response: { 200: SilenceSchema, 404: ErrorSchema } } },
    async (request) => {
      const silence = await opts.silences.expire(request.params.id, byOf(request.principal!), opts.now().getTime())
      if (silence === undefined) throw new HttpError(404, 'not_found', `no silence ${request.params.id} (ended more than a day ago, or never set)`)
      await opts.audit.record({ who: request.principal, action: 'silence.expire', target: silence.id, address: clientAddress(request), outcome: 'allowed' })
      await opts.engine.silencesChanged()
      return silence
    },
  )
}
