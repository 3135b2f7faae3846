// The alerts API's answers as JSON Schema (schemas/alerts.ts's types), for
// the API documentation and the answers' serialization.
import { Type } from '@sinclair/typebox'
import { OutageBriefSchema, WorkorderBriefSchema } from './snapshot-schema.ts'

const Str = Type.String()
const Time = Type.String({ format: 'date-time' })
const OrNull = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()])

export const AlertSchema = Type.Object({
  id: Str,
  fingerprint: Type.String({ description: 'stable per rule and scope' }),
  rule_id: Str,
  rule_name: Str,
  kind: Str,
  severity: Str,
  state: Type.String({ description: 'pending, firing, acknowledged or resolved' }),
  labels: Type.Record(Str, Str),
  summary: Str,
  value: OrNull(Type.Number({ description: 'the value that fired it (the latest while firing)' })),
  threshold: OrNull(Type.Number()),
  started_at: Time,
  fired_at: OrNull(Time),
  resolved_at: OrNull(Time),
  acknowledged: Type.Union([Type.Object({ by: Str, display_name: Str, at: Time, comment: Str }), Type.Null()]),
  resolved_by: Type.Union([Type.Object({ by: Str, at: Time, comment: Str }), Type.Null()]),
  silenced: Type.Boolean(),
  inhibited_by: OrNull(Str),
  escalation: Type.Object({ tier: Type.Integer(), next_at: OrNull(Time) }),
  annotations: Type.Record(Str, Str),
})

export const SilenceSchema = Type.Object({
  id: Str,
  matchers: Type.Record(Str, Str),
  starts_at: Time,
  ends_at: Time,
  comment: Str,
  created_by: Str,
  created_at: Time,
  state: Type.String({ description: 'pending, active or expired' }),
})

const NumOrNull = Type.Union([Type.Number(), Type.Null()])
const StrOrNull = Type.Union([Str, Type.Null()])

const AlertContextSchema = Type.Object(
  {
    rule: Type.Union([
      Type.Object(
        { kpi: Str, window: Str, op: StrOrNull, fire: NumOrNull, clear: NumOrNull, compare: StrOrNull, factor: NumOrNull, min_value: NumOrNull },
        { description: 'a kpi or change rule in force: its KPI, window and thresholds' },
      ),
      Type.Null(),
    ]),
    scope: Type.Union([
      Type.Object({ dimension: StrOrNull, key: Str, matchers: Type.Record(Str, Str, { description: 'the rule and the scope label: exactly this fingerprint' }) }),
      Type.Null(),
    ]),
    related: Type.Array(AlertSchema, { description: 'other open alerts of the same rule, region, order or outage' }),
    outages: Type.Array(OutageBriefSchema, { description: 'active outages of its region, or the outage it is about' }),
    workorders: Type.Union([
      Type.Object({
        judged: Type.String({ description: 'overdue or at_risk' }),
        filters: Type.Record(Str, Str, { description: 'the work order list filters that hold the same orders' }),
        total: Type.Integer(),
        items: Type.Array(WorkorderBriefSchema, { description: 'at most 50, most urgent first' }),
      }),
      Type.Null(),
    ]),
    silences: Type.Array(SilenceSchema, { description: 'silences in force or to come that cover it' }),
  },
  { description: 'what the desk shows beside the alert' },
)

export const AlertDetailSchema = Type.Composite([
  AlertSchema,
  Type.Object({
    context: AlertContextSchema,
    history: Type.Array(Type.Object({ at: Time, kind: Str, actor: Str, comment: OrNull(Str), detail: Type.Record(Str, Type.Unknown()) })),
    notifications: Type.Array(
      Type.Object({ at: Time, receiver_id: Str, receiver_type: Str, reason: Str, attempt: Type.Integer(), outcome: Str, error: OrNull(Str), key: Str }),
    ),
  }),
])
