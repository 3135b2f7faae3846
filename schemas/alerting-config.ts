// The alerting configuration (DOMAIN.md §3): rules, receivers, routes,
// escalation and the roster, as one file (ALERTING_FILE, JSON or YAML) and as
// the admin API edits them. Defined once here, as JSON Schema (TypeBox): the
// server validates the file and every edit with it, /docs serves it, and the
// types below are derived from it. Durations are strings such as "10s", "2m",
// "1h". Every field and default is documented in the README's alerting section.
import { Type, type Static } from '@sinclair/typebox'
import { KPI_IDS, WINDOWS } from './kpis.ts'

export const SEVERITIES = ['info', 'warning', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$', description: 'lower-case letters, digits, dots, dashes, underscores' })
export const Duration = Type.String({ pattern: '^\\d+(ms|s|m|h|d)$', description: 'e.g. "10s", "2m", "1h"' })
// Records keyed by a pattern say additionalProperties: false, so that a
// malformed key is refused instead of passing the pattern by.
const Labels = Type.Record(Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }), Type.String({ maxLength: 200 }), {
  additionalProperties: false,
  description: 'free key/values that routes match on; the engine adds rule, kind, severity and the scope (e.g. region)',
})
const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'language of the messages; zh by default' })

/** A breakdown a rule applies to: "*" for one alert per cell, a code for that cell only; omitted: the total. */
const Scope = Type.Partial(
  Type.Object({
    region: Type.String({ minLength: 1 }),
    queue: Type.String({ minLength: 1 }),
    category: Type.String({ minLength: 1 }),
    outage_kind: Type.String({ minLength: 1 }),
    team: Type.String({ minLength: 1 }),
  }),
  { additionalProperties: false, maxProperties: 1 },
)
export type RuleScope = Static<typeof Scope>

const common = {
  id: Id,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  severity: Type.Union(SEVERITIES.map((s) => Type.Literal(s))),
  labels: Type.Optional(Labels),
  enabled: Type.Optional(Type.Boolean({ default: true })),
  /** How long the condition must hold before the alert fires (pending meanwhile; nobody is told). */
  for: Type.Optional(Duration),
  /** How long the condition must stay clear before the alert resolves. */
  keep_firing_for: Type.Optional(Duration),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
}

export const KpiRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('kpi'),
    kpi: Type.Union(KPI_IDS.map((k) => Type.Literal(k))),
    window: Type.Union(WINDOWS.map((w) => Type.Literal(w))),
    scope: Type.Optional(Scope),
    op: Type.Union([Type.Literal('above'), Type.Literal('below')]),
    fire: Type.Number({ description: 'fires when the value is past this (above or below it, as op says)' }),
    clear: Type.Number({ description: 'clears only when the value is back past this, on the other side of fire (hysteresis)' }),
    min_volume: Type.Optional(Type.Integer({ minimum: 0, description: 'a rate is not judged below this many counted items (default 20)' })),
  },
  { additionalProperties: false },
)

export const ChangeRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('change'),
    kpi: Type.Union(KPI_IDS.map((k) => Type.Literal(k)), { description: 'a count KPI, e.g. calls_offered' }),
    window: Type.Union([Type.Literal('15m'), Type.Literal('60m')]),
    compare: Type.Union([Type.Literal('yesterday'), Type.Literal('last_week')]),
    scope: Type.Optional(Scope),
    factor: Type.Number({ exclusiveMinimum: 0, description: 'fires when value ≥ factor × the compared value (≤ when below 1)' }),
    min_value: Type.Number({ minimum: 0, description: 'and the value itself is at least this' }),
  },
  { additionalProperties: false },
)

export const SurgeRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('unexplained_surge'),
    window: Type.Union([Type.Literal('15m'), Type.Literal('60m')]),
    compare: Type.Union([Type.Literal('yesterday'), Type.Literal('last_week')]),
    factor: Type.Number({ exclusiveMinimum: 1 }),
    min_value: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false, description: 'offered calls of a region surging with no active outage there to explain it (疑似未报停电); one alert per region' },
)

export const ENTITY_CHECKS = ['workorder_overdue', 'workorder_at_risk', 'outage_key_customers', 'outage_customers_above', 'outage_etr_overrun', 'supervision_unanswered', 'handover_unconfirmed'] as const
export const EntityRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('entity'),
    check: Type.Union(ENTITY_CHECKS.map((c) => Type.Literal(c))),
    threshold: Type.Optional(Type.Integer({ minimum: 1, description: 'outage_customers_above: the number of customers' })),
    where: Type.Optional(
      Type.Partial(Type.Object({ region: Type.String(), category: Type.String(), priority: Type.String(), kind: Type.String() }), { additionalProperties: false }),
    ),
  },
  { additionalProperties: false, description: 'one alert per work order, outage or unanswered supervision order, grouped for notification' },
)

export const DATA_CHECKS = ['source_silent', 'snapshot_stale', 'display_dark', 'dead_letter_rate'] as const
export const DataRule = Type.Object(
  {
    ...common,
    kind: Type.Literal('data'),
    check: Type.Union(DATA_CHECKS.map((c) => Type.Literal(c))),
    source: Type.Optional(Type.String({ description: 'source_silent: a source name, or "*" for each (default "*")' })),
    minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'source_silent, display_dark: silent for this long' })),
    per_minute: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'dead_letter_rate: dead letters a minute, over 5 minutes' })),
  },
  { additionalProperties: false },
)

export type KpiRule = Static<typeof KpiRule>
export type ChangeRule = Static<typeof ChangeRule>
export type SurgeRule = Static<typeof SurgeRule>
export type EntityRule = Static<typeof EntityRule>
export type DataRule = Static<typeof DataRule>

export const Rule = Type.Union([KpiRule, ChangeRule, SurgeRule, EntityRule, DataRule])
export type Rule = Static<typeof Rule>
export type RuleKind = Rule['kind']

/** Whom a person-addressed channel reaches: the people on duty now (from the roster), or named users. */
export const Recipients = Type.Array(
  Type.Union([Type.Literal('officers_on_duty'), Type.Literal('lead_on_duty'), Type.Literal('director'), Type.String({ pattern: '^user:[a-z0-9][a-z0-9._-]{1,63}$' })]),
  { minItems: 1 },
)

const receiverCommon = {
  id: Id,
  lang: Type.Optional(Lang),
  send_resolved: Type.Optional(Type.Boolean({ default: true })),
  /** Messages a minute before the rest are merged into a digest (robots: 20). */
  rate_limit_per_minute: Type.Optional(Type.Integer({ minimum: 1 })),
  timeout_ms: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
}
const Secret = Type.String({ minLength: 1, description: 'the value, or ${ENV_VAR} to read it from the environment' })
// A robot's whole URL is its secret (the access token or key is in it), so it may be one reference.
const Url = Type.String({
  pattern: '^(https?://|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\})',
  description: 'http(s) URL; ${ENV_VAR} references are expanded (the whole URL may be one, e.g. "${DINGTALK_URL}")',
})

export const Receiver = Type.Union([
  Type.Object({ ...receiverCommon, type: Type.Literal('wecom_robot'), url: Url, mention: Type.Optional(Recipients) }, { additionalProperties: false }),
  Type.Object(
    { ...receiverCommon, type: Type.Literal('wecom_app'), corp_id: Type.String({ minLength: 1 }), agent_id: Type.Integer(), secret: Secret, to: Recipients, api_base: Type.Optional(Url) },
    { additionalProperties: false },
  ),
  Type.Object({ ...receiverCommon, type: Type.Literal('dingtalk_robot'), url: Url, secret: Secret, mention: Type.Optional(Recipients) }, { additionalProperties: false }),
  Type.Object({ ...receiverCommon, type: Type.Literal('feishu_bot'), url: Url, secret: Secret }, { additionalProperties: false }),
  Type.Object(
    {
      ...receiverCommon,
      type: Type.Literal('sms'),
      url: Url,
      method: Type.Optional(Type.Union([Type.Literal('POST'), Type.Literal('GET')])),
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
      template_id: Type.String({ minLength: 1 }),
      /** The request body (or query) as a template: {{phone}}, {{template_id}}, {{params_json}} and each {{param}} are filled in. */
      body: Type.Record(Type.String(), Type.String()),
      /** Which response field says success, and the value it must have (e.g. Aliyun: Code = "OK"). */
      success: Type.Object({ field: Type.String(), equals: Type.String() }),
      to: Recipients,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ...receiverCommon,
      type: Type.Literal('email'),
      smtp: Type.Object(
        { host: Type.String(), port: Type.Integer({ minimum: 1, maximum: 65535 }), secure: Type.Optional(Type.Boolean()), user: Type.Optional(Type.String()), password: Type.Optional(Secret) },
        { additionalProperties: false },
      ),
      from: Type.String({ minLength: 3 }),
      to: Recipients,
    },
    { additionalProperties: false },
  ),
  Type.Object({ ...receiverCommon, type: Type.Literal('webhook'), url: Url, headers: Type.Optional(Type.Record(Type.String(), Type.String())) }, { additionalProperties: false }),
  Type.Object({ ...receiverCommon, type: Type.Literal('web_push'), to: Recipients }, { additionalProperties: false }),
])
export type Receiver = Static<typeof Receiver>
export type ReceiverType = Receiver['type']

export const Route = Type.Object(
  {
    /** Label (or severity) values an alert must have; {} matches every alert. */
    match: Type.Record(Type.String(), Type.String()),
    receivers: Type.Array(Id, { minItems: 1 }),
    group_by: Type.Optional(Type.Array(Type.String())),
    group_wait: Type.Optional(Duration),
    group_interval: Type.Optional(Duration),
    repeat_interval: Type.Optional(Duration),
    /** Go on matching the routes after this one. */
    continue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type Route = Static<typeof Route>

export const EscalationTier = Type.Object(
  {
    /** Since the alert fired, unacknowledged. */
    after: Duration,
    notify: Type.Array(Id, { minItems: 1, description: 'receiver ids' }),
  },
  { additionalProperties: false },
)
export const Escalation = Type.Object(
  {
    /** Which severities escalate (default: warning and critical). */
    severities: Type.Optional(Type.Array(Type.Union(SEVERITIES.map((s) => Type.Literal(s))))),
    tiers: Type.Array(EscalationTier, { minItems: 1 }),
    /** While unacknowledged after the last tier, remind that tier this often. */
    remind_every: Type.Optional(Duration),
  },
  { additionalProperties: false },
)
export type Escalation = Static<typeof Escalation>

const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' })
const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })
export const Roster = Type.Object(
  {
    /** The shifts of a day, in the center's time zone; a shift may run past midnight. */
    shifts: Type.Array(Type.Object({ id: Id, name: Type.String(), start: ClockTime, end: ClockTime }, { additionalProperties: false }), { minItems: 1 }),
    teams: Type.Record(Id, Type.Object({ lead: Username, officers: Type.Array(Username) }, { additionalProperties: false }), { additionalProperties: false }),
    /** Which team works which shift: a cycle of days from `anchor` (a date), each day naming a team per shift id. */
    rotation: Type.Optional(
      Type.Object({ anchor: Type.String({ format: 'date' }), days: Type.Array(Type.Record(Id, Id, { additionalProperties: false }), { minItems: 1 }) }, { additionalProperties: false }),
    ),
    /** Exceptions to the rotation (a swap, a holiday). */
    assignments: Type.Optional(
      Type.Array(Type.Object({ date: Type.String({ format: 'date' }), shift: Id, team: Id }, { additionalProperties: false })),
    ),
    director: Type.Optional(Username),
    contacts: Type.Optional(
      Type.Record(
        Username,
        Type.Partial(Type.Object({ mobile: Type.String(), wecom_userid: Type.String(), dingtalk_mobile: Type.String(), email: Type.String() }), { additionalProperties: false }),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type Roster = Static<typeof Roster>

export const AlertingFile = Type.Object(
  {
    rules: Type.Array(Rule),
    receivers: Type.Optional(Type.Array(Receiver)),
    routes: Type.Optional(Type.Array(Route)),
    escalation: Type.Optional(Escalation),
    roster: Type.Optional(Roster),
  },
  { additionalProperties: false },
)
export type AlertingFile = Static<typeof AlertingFile>
