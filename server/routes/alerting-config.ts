// The alerting configuration through the API: the configuration in force
// for leads (secrets masked), and for administrators an edit of one rule or
// receiver, a route, the escalation policy or the roster, each checked whole
// before it is stored and audited in the same transaction; and a reload of
// ALERTING_FILE. The bodies' schemas are the file's (schemas/alerting-config.ts),
// so /docs documents every field; they are checked by the configuration's
// own checks, which name the field and say what is expected, instead of by
// the generic request validation.
import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AlertingFile, Escalation, Receiver, Roster, Route, Rule } from '../../schemas/alerting-config.ts'
import type { Principal } from '../access/access.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { AlertingConfigService, AlertingItemNotFound, type AlertingEdit } from '../alerting/config/config-service.ts'
import { AlertingConfigInvalid } from '../alerting/config/problems.ts'
import {
  DEFAULT_GROUP_BY,
  DEFAULT_MIN_VOLUME,
  DEFAULT_SILENT_MINUTES,
  ESCALATION_DEFAULTS,
  RECEIVER_DEFAULTS,
  ROUTE_TIMING_DEFAULTS,
  RULE_TIMING_DEFAULTS,
  VENDOR_RATE_LIMITS,
} from '../alerting/config/rule-defaults.ts'
import { maskReceiver } from '../alerting/config/secrets.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'

const tags = ['alerting']

const ProblemsSchema = Type.Object({
  statusCode: Type.Integer(),
  code: Type.Literal('invalid_config'),
  message: Type.String({ description: 'the first problem, and how many more' }),
  problems: Type.Array(Type.String(), { description: 'every problem, one line each: the field, then what is expected' }),
})

const EditMarkSchema = Type.Object({
  section: Type.String(),
  id: Type.String({ description: 'the rule or receiver; empty for routes, escalation and the roster' }),
  state: Type.Union([Type.Literal('edited'), Type.Literal('added'), Type.Literal('deleted')]),
  by: Type.String(),
  at: Type.String({ format: 'date-time' }),
})

const ConfigAnswer = Type.Object({
  origin: Type.String({ description: 'the file (or the built-in defaults) and the number of edits over it' }),
  file: Type.Union([Type.String(), Type.Null()], { description: 'ALERTING_FILE; null for the built-in defaults' }),
  rules: AlertingFile.properties.rules,
  receivers: Type.Array(Receiver, { description: 'secrets masked (•••), a URL showing only its origin; ${VAR} references shown as written' }),
  routes: Type.Array(Route),
  escalation: Type.Union([Escalation, Type.Null()]),
  roster: Type.Union([Roster, Type.Null()]),
  edits: Type.Array(EditMarkSchema, { description: 'what administrators changed over the file, by whom and when' }),
  set_aside: Type.Array(
    Type.Object({ section: Type.String(), id: Type.String(), by: Type.String(), at: Type.String({ format: 'date-time' }), problems: Type.Array(Type.String()) }),
    { description: 'edits kept in the store but not applied: the file changed under them and they no longer fit; an edit of the same item that fits replaces them' },
  ),
  defaults: Type.Record(Type.String(), Type.Unknown(), { description: 'what applies where a rule, route or escalation says nothing' }),
})

/** The bodies are checked by the configuration's checks (field named), not by the generic validation. */
const checkedByHandler = { validatorCompiler: () => (value: unknown) => ({ value }) }
/** The answers are documented by the schemas above and sent as they are (a masked URL is not one the schema would accept). */
const sentAsIs = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) }

export interface AlertingConfigRoutesOptions {
  service: AlertingConfigService
  audit: AuditLog
  /** ALERTING_FILE, for the answer; undefined: the built-in defaults. */
  file: string | undefined
}

export default async function alertingConfigRoutes(app: FastifyInstance, opts: AlertingConfigRoutesOptions): Promise<void> {
  const { service, audit } = opts
  const by = (p: Principal | null) => (p?.kind === 'person' ? p.username : 'unknown')

  const configAnswer = () => {
    const written = service.written()
    return {
      origin: service.current().origin,
      file: opts.file ?? null,
      rules: written.rules,
      receivers: (written.receivers ?? []).map(maskReceiver),
      routes: written.routes ?? [],
      escalation: written.escalation ?? null,
      roster: written.roster ?? null,
      edits: (['rule', 'receiver', 'routes', 'escalation', 'roster'] as const).flatMap((section) => service.edits(section).map((mark) => ({ section, ...mark }))),
      set_aside: service.setAside().map(({ edit, problems }) => ({ section: edit.section, id: edit.item_id, by: edit.edited_by, at: edit.edited_at.toISOString(), problems })),
      defaults: {
        rule_timing: RULE_TIMING_DEFAULTS,
        min_volume: DEFAULT_MIN_VOLUME,
        silent_minutes: DEFAULT_SILENT_MINUTES,
        route_timing: ROUTE_TIMING_DEFAULTS,
        group_by: DEFAULT_GROUP_BY,
        escalation: ESCALATION_DEFAULTS,
        receiver: RECEIVER_DEFAULTS,
        vendor_rate_limits: VENDOR_RATE_LIMITS,
      },
    }
  }

  /** Applies an edit and audits it in the same transaction; a refused edit answers 400 with every problem, a missing item 404. */
  async function apply(
    request: FastifyRequest,
    reply: FastifyReply,
    change: AlertingEdit,
    audited: { action: string; target: string; detail: (stored: unknown) => Record<string, unknown> },
  ) {
    if ('body' in change && change.body === undefined) throw new HttpError(400, 'bad_request', '(body): missing; send the item as JSON')
    try {
      return await service.edit(change, by(request.principal), async (tx, stored) => {
        await audit.record({ who: request.principal, action: audited.action, target: audited.target, address: clientAddress(request), outcome: 'allowed', detail: audited.detail(stored) }, tx)
      })
    } catch (err) {
      if (err instanceof AlertingItemNotFound) throw new HttpError(404, 'not_found', err.message)
      if (err instanceof AlertingConfigInvalid) {
        return reply.code(400).send({ statusCode: 400, code: 'invalid_config', message: err.message, problems: err.problems })
      }
      throw err
    }
  }

  app.get(
    '/alerting/config',
    { ...sentAsIs, schema: { tags, summary: 'The alerting configuration in force: the file with the administrators’ edits over it; secrets never shown', response: { 200: ConfigAnswer } } },
    async () => configAnswer(),
  )

  app.post(
    '/alerting/reload',
    { schema: { tags, summary: 'Read ALERTING_FILE again (as SIGHUP does); a bad file leaves the last good configuration in force and says why', response: { 200: Type.Object({ origin: Type.String() }), 422: ProblemsSchema } } },
    async (request, reply) => {
      const result = await service.reload()
      const base = { who: request.principal, action: 'alerting.reload', target: opts.file ?? 'built-in defaults', address: clientAddress(request) }
      if (result.ok) {
        await audit.record({ ...base, outcome: 'allowed' })
        return { origin: result.config.origin }
      }
      await audit.record({ ...base, outcome: 'failed', detail: { problems: result.error.problems } })
      return reply.code(422).send({ statusCode: 422, code: 'invalid_config', message: `not reloaded, the last good configuration stays in force: ${result.error.message}`, problems: result.error.problems })
    },
  )

  // Rules and receivers, one by one, by id.
  const Id = Type.Object({ id: Type.String() })
  for (const [section, path, schema] of [
    ['rule', 'rules', Rule],
    ['receiver', 'receivers', Receiver],
  ] as const) {
    const shown = (item: unknown) => (section === 'receiver' && item !== null ? maskReceiver(item as Receiver) : item)
    app.put<{ Params: { id: string }; Body: unknown }>(
      `/alerting/${path}/:id`,
      {
        ...checkedByHandler,
        ...sentAsIs,
        schema: {
          tags,
          summary: `Add or replace a ${section} (the id in the body, if any, must be the address's)${section === 'receiver' ? '; a secret sent back masked keeps the stored one' : ''}`,
          params: Id,
          body: schema as TSchema,
          response: { 200: schema as TSchema, 400: ProblemsSchema },
        },
      },
      async (request, reply) => {
        const before = service.written()[path]?.find((item) => item.id === request.params.id) ?? null
        return apply(request, reply, { section, id: request.params.id, body: request.body ?? undefined }, {
          action: `alerting.${section}.${before ? 'update' : 'create'}`,
          target: request.params.id,
          detail: (stored) => ({ before: shown(before), after: shown(stored) }),
        }).then((stored) => (reply.sent ? undefined : shown(stored)))
      },
    )
    app.delete<{ Params: { id: string } }>(
      `/alerting/${path}/:id`,
      { ...checkedByHandler, schema: { tags, summary: `Delete a ${section} (one from the file stays deleted until the edit is undone)`, params: Id, response: { 204: Type.Null(), 400: ProblemsSchema, 404: ErrorSchema } } },
      async (request, reply) => {
        const before = service.written()[path]?.find((item) => item.id === request.params.id) ?? null
        await apply(request, reply, { section, id: request.params.id, body: null }, {
          action: `alerting.${section}.delete`,
          target: request.params.id,
          detail: () => ({ before: shown(before) }),
        })
        if (!reply.sent) return reply.code(204).send()
      },
    )
  }

  // Routes: an ordered list (the first match wins), edited whole or one by its place in it.
  const routeAt = (text: string): number => {
    if (!/^\d{1,4}$/.test(text)) throw new HttpError(400, 'bad_request', `index: must be a route's place in the list, from 0, got ${JSON.stringify(text)}`)
    return Number(text)
  }
  const auditRoutes = (action: string, target: string) => ({
    action,
    target,
    detail: (stored: unknown) => ({ before: service.written().routes ?? [], after: stored }),
  })
  app.put<{ Body: unknown }>(
    '/alerting/routes',
    { ...checkedByHandler, ...sentAsIs, schema: { tags, summary: 'Replace every route (in order: the first that matches an alert takes it)', body: Type.Array(Route), response: { 200: Type.Array(Route), 400: ProblemsSchema } } },
    async (request, reply) => {
      const stored = await apply(request, reply, { section: 'routes', update: () => request.body }, auditRoutes('alerting.routes.update', 'routes'))
      return reply.sent ? undefined : stored
    },
  )
  app.put<{ Params: { index: string }; Body: unknown }>(
    '/alerting/routes/:index',
    {
      ...checkedByHandler,
      ...sentAsIs,
      schema: {
        tags,
        summary: 'Replace the route at this place (from 0); the place just after the last adds one',
        params: Type.Object({ index: Type.Integer({ minimum: 0 }) }),
        body: Route,
        response: { 200: Type.Array(Route, { description: 'every route, as now in force' }), 400: ProblemsSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const index = routeAt(request.params.index)
      const update = (routes: unknown[]) => {
        if (index > routes.length) throw new AlertingItemNotFound(`no route at ${index}: there are ${routes.length} (${routes.length} adds one)`)
        routes[index] = request.body
        return routes
      }
      const stored = await apply(request, reply, { section: 'routes', update }, auditRoutes('alerting.route.update', `routes[${index}]`))
      return reply.sent ? undefined : stored
    },
  )
  app.delete<{ Params: { index: string } }>(
    '/alerting/routes/:index',
    { ...checkedByHandler, ...sentAsIs, schema: { tags, summary: 'Delete the route at this place (from 0)', params: Type.Object({ index: Type.Integer({ minimum: 0 }) }), response: { 200: Type.Array(Route), 404: ErrorSchema } } },
    async (request, reply) => {
      const index = routeAt(request.params.index)
      const update = (routes: unknown[]) => {
        if (index >= routes.length) throw new AlertingItemNotFound(`no route at ${index}: there are ${routes.length}`)
        return routes.filter((_, i) => i !== index)
      }
      const stored = await apply(request, reply, { section: 'routes', update }, auditRoutes('alerting.route.delete', `routes[${index}]`))
      return reply.sent ? undefined : stored
    },
  )

  // The escalation policy and the roster, each whole.
  for (const [section, schema, summary] of [
    ['escalation', Escalation, 'the escalation policy (tiers in increasing after)'],
    ['roster', Roster, 'the roster (shifts covering the day, teams, rotation, contacts)'],
  ] as const) {
    // The roster holds people's phone numbers: the audit says that it changed, not what it holds.
    const detail = (stored: unknown) => (section === 'escalation' ? { before: service.written().escalation ?? null, after: stored } : {})
    app.put<{ Body: unknown }>(
      `/alerting/${section}`,
      { ...checkedByHandler, ...sentAsIs, schema: { tags, summary: `Replace ${summary}`, body: schema as TSchema, response: { 200: schema as TSchema, 400: ProblemsSchema } } },
      async (request, reply) => {
        const stored = await apply(request, reply, { section, body: request.body ?? undefined }, { action: `alerting.${section}.update`, target: section, detail })
        return reply.sent ? undefined : stored
      },
    )
    app.delete(
      `/alerting/${section}`,
      { ...checkedByHandler, schema: { tags, summary: `Remove ${summary}: none in force`, response: { 204: Type.Null(), 400: ProblemsSchema, 404: ErrorSchema } } },
      async (request, reply) => {
        await apply(request, reply, { section, body: null }, { action: `alerting.${section}.delete`, target: section, detail })
        if (!reply.sent) return reply.code(204).send()
      },
    )
  }
}
