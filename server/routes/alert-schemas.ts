// The alerts API's answers as JSON Schema (schemas/alerts.ts's types), for
// the API documentation and the answers' serialization.
import { Type } from '@sinclair/typebox'

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

export const AlertDetailSchema = Type.Composite([
  AlertSchema,
  Type.Object({
    history: Type.Array(Type.Object({ at: Time, kind: Str, actor: Str, comment: OrNull(Str), detail: Type.Record(Str, Type.Unknown()) })),
    notifications: Type.Array(
      Type.Object({ at: Time, receiver_id: Str, receiver_type: Str, reason: Str, attempt: Type.Integer(), outcome: Str, error: OrNull(Str), key: Str }),
    ),
  }),
])

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
