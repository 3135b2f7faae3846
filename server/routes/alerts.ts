// Alerts (DOMAIN.md §3): the list and one alert with its whole history and
// every notification attempt; acknowledging (签收, officers and up: the
// first wins, a second gets 409 with who was first), escalating now and
// closing by hand (销号, leads and up; a critical one only with a comment);
// silencing one alert from the desk (静默, leads and up, as every silence):
// a silence of the labels that pick out its fingerprint, for a while.
// Every action is audited in the transaction that records it, and a refused
// one is audited too. The detail carries what the desk shows beside the
// alert (alert-context.ts).
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../core/store/store.ts'
import { SEVERITIES } from '../../schemas/alerting-config.ts'
import { ALERT_STATES, type Alert } from '../../schemas/alerts.ts'
import { Duration } from '../../schemas/alerting-config.ts'
import { parseDuration } from '../../schemas/duration.ts'
import { alertContext, scopeOf } from '../alerting/alert-context.ts'
import type { Actor, AlertEngine } from '../alerting/engine/alert-engine.ts'
import { readAlert, readFired, readHistory, readResolved } from '../alerting/engine/alert-rows.ts'
import { viewOf } from '../alerting/engine/alert-record.ts'
import type { NotificationAttemptLog } from '../alerting/notification-attempts.ts'
import type { SilenceBook } from '../alerting/engine/silences.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { EntitiesNow } from '../kpi/kpi-engine.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'
import { AlertDetailSchema, AlertSchema, SilenceSchema } from './alert-schemas.ts'

const Query = Type.Object(
  {
    state: Type.Optional(Type.Union(ALERT_STATES.map((s) => Type.Literal(s)), { description: 'omitted: every open alert and those resolved within the flap window' })),
    severity: Type.Optional(Type.Union(SEVERITIES.map((s) => Type.Literal(s)))),
    region: Type.Optional(Type.String({ maxLength: 20, description: "a region code; '' for the alerts of rules over the whole territory" })),
    rule: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    fired_since: Type.Optional(Type.String({ format: 'date-time', description: 'with fired_until: the alerts that fired (or fired again) in [fired_since, fired_until), in any state now (what a bulletin counts), latest fired first' })),
    fired_until: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'resolved alerts (or a period\'s): at most this many, latest first' }),
  },
  { additionalProperties: false },
)
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const CommentBody = Type.Object({ comment: Type.String({ maxLength: 1000, default: '' }) }, { additionalProperties: false })
/** A silence from the desk lasts at most a day: longer quiet is planned work, set with its own matchers (POST /silences). */
const MAX_DESK_SILENCE_MS = 24 * 3_600_000
const SilenceBody = Type.Object(
  {
    duration: Type.String({ pattern: Duration.pattern, description: 'how long, e.g. "30m", "1h", "4h" (at most 24h)' }),
    comment: Type.String({ minLength: 1, maxLength: 1000, description: 'why (who is on it, what is planned)' }),
  },
  { additionalProperties: false },
)

export interface AlertRoutesOptions {
  engine: AlertEngine
  store: Store
  audit: AuditLog
  attempts: NotificationAttemptLog
  silences: SilenceBook
  /** Overdue and at-risk orders and active outages as the last tick judged them. */
  entities: (at: number) => EntitiesNow
  now: () => Date
}

export default async function alertRoutes(app: FastifyInstance, opts: AlertRoutesOptions): Promise<void> {
  const { engine, audit } = opts
  const tags = ['alerting']
  const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

  app.get<{ Querystring: Static<typeof Query> }>(
    '/alerts',
    { schema: { tags, summary: 'Alerts, filtered by state, severity, region and rule', querystring: Query, response: { 200: Type.Object({ items: Type.Array(AlertSchema) }), 400: ErrorSchema } } },
    async (request) => {
      const q = request.query
      if ((q.fired_since === undefined) !== (q.fired_until === undefined)) throw new HttpError(400, 'bad_request', 'fired_since and fired_until go together')
      if (q.fired_since !== undefined && q.fired_until !== undefined) {
        const since = new Date(q.fired_since)
        const until = new Date(q.fired_until)
        if (!(since < until)) throw new HttpError(400, 'bad_request', 'fired_until must be after fired_since')
        return { items: (await readFired(opts.store, { since, until, state: q.state, severity: q.severity, region: q.region, rule: q.rule, limit: q.limit })).map(viewOf) }
      }
      const wanted = (a: Alert) =>
        (q.state === undefined || a.state === q.state) &&
        (q.severity === undefined || a.severity === q.severity) &&
        (q.region === undefined || (a.labels.region ?? '') === q.region) &&
        (q.rule === undefined || a.rule_id === q.rule)
      const held = engine.current().filter(wanted)
      if (q.state !== 'resolved') return { items: held }
      // Resolved ones the engine no longer holds are in the store.
      const older = (await readResolved(opts.store, { severity: q.severity, region: q.region, rule: q.rule, limit: q.limit })).map(viewOf)
      const ids = new Set(held.map((a) => a.id))
      return { items: [...held, ...older.filter((a) => !ids.has(a.id))].slice(0, q.limit) }
    },
  )

  app.get<{ Params: Static<typeof IdParams> }>(
    '/alerts/:id',
    { schema: { tags, summary: 'One alert with its whole history and every notification attempt', params: IdParams, response: { 200: AlertDetailSchema, ...errors } } },
    async (request) => {
      const id = request.params.id
      const alert = engine.get(id) ?? (await readAlert(opts.store, id).then((r) => r && viewOf(r)))
      if (alert === undefined) throw new HttpError(404, 'not_found', `no alert ${id}`)
      const [history, notifications] = await Promise.all([readHistory(opts.store, id), opts.attempts.attemptsOf(id)])
      const context = alertContext(
        alert,
        { ruleInForce: (rule) => engine.ruleInForce(rule), current: () => engine.current(), entities: opts.entities, silences: (at) => opts.silences.list(at) },
        opts.now().getTime(),
      )
      return { ...alert, context, history, notifications }
    },
  )

  const actorOf = (request: FastifyRequest): Actor => {
    const p = request.principal!
    // Only people reach these routes (their access names a role, no scope or wall).
    return p.kind === 'person' ? { username: p.username, displayName: p.displayName } : { username: 'unknown', displayName: 'unknown' }
  }

  type Action = 'ack' | 'escalate' | 'resolve'
  const act = (action: Action, summary: string, run: (id: string, who: Actor, comment: string, auditWrite: Parameters<AlertEngine['acknowledge']>[3]) => Promise<Alert>) =>
    app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CommentBody> }>(
      `/alerts/:id/${action}`,
      { schema: { tags, summary, params: IdParams, body: CommentBody, response: { 200: AlertSchema, ...errors } } },
      async (request) => {
        const id = request.params.id
        const comment = request.body.comment.trim()
        const entry = { who: request.principal, action: `alert.${action}`, target: id, address: clientAddress(request), detail: { comment } }
        try {
          return await run(id, actorOf(request), comment, (tx) => audit.record({ ...entry, outcome: 'allowed' }, tx))
        } catch (err) {
          if (err instanceof HttpError) await audit.record({ ...entry, outcome: 'denied', detail: { comment, refused: err.code, message: err.message } })
          throw err
        }
      },
    )

  act('ack', 'Acknowledge (签收): the first acknowledgement wins; a second gets 409 naming who was first', (id, who, comment, w) => engine.acknowledge(id, who, comment, w))
  act('escalate', 'Escalate now to the next tier', (id, who, comment, w) => engine.escalate(id, who, comment, w))
  act('resolve', 'Close by hand (销号); a critical alert needs a comment', (id, who, comment, w) => engine.resolve(id, who, comment, w))

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof SilenceBody> }>(
    '/alerts/:id/silence',
    {
      schema: {
        tags,
        summary: 'Silence this alert (静默) for a while: a silence of its rule and scope labels, exactly its fingerprint',
        params: IdParams,
        body: SilenceBody,
        response: { 201: SilenceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const id = request.params.id
      const { duration, comment } = request.body
      const entry = { who: request.principal, action: 'silence.create', target: id, address: clientAddress(request) }
      const refuse = async (err: HttpError): Promise<never> => {
        await audit.record({ ...entry, outcome: 'denied', detail: { alert: id, duration, comment, refused: err.code, message: err.message } })
        throw err
      }
      const alert = engine.get(id) ?? (await readAlert(opts.store, id).then((r) => r && viewOf(r)))
      if (alert === undefined) return refuse(new HttpError(404, 'not_found', `no alert ${id}`))
      const ms = parseDuration(duration)
      if (ms <= 0 || ms > MAX_DESK_SILENCE_MS) return refuse(new HttpError(400, 'bad_request', 'duration must be more than 0 and at most 24h'))
      const inForce = engine.ruleInForce(alert.rule_id)
      if (inForce === undefined) return refuse(new HttpError(409, 'rule_not_in_force', `rule ${alert.rule_id} is no longer in force: its alerts cannot come back to be silenced`))
      const { matchers } = scopeOf(alert, inForce.dimension)
      const now = opts.now().getTime()
      const p = request.principal!
      const by = p.kind === 'person' ? p.username : 'unknown'
      const silence = await opts.silences.add({ matchers, starts_at: now, ends_at: now + ms, comment: comment.trim(), created_by: by }, now)
      await audit.record({ ...entry, target: silence.id, outcome: 'allowed', detail: { alert: id, matchers, duration, comment } })
      await engine.silencesChanged()
      return reply.code(201).send(silence)
    },
  )
}
