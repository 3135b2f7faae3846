// The event contracts of DOMAIN.md §1. Each type is defined once here; its
// TypeScript type, its JSON Schema and its compiled validator
// (schemas/validate.ts) all come from this one definition.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'

// Wire timestamps: ISO 8601 with an explicit offset (`Z` on the wire).
// Milliseconds are optional on input so that a producer writing whole seconds
// is not rejected for it; they are always written with milliseconds.
export const ISO_TIMESTAMP_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})$'

const Timestamp = (description: string) =>
  Type.String({ pattern: ISO_TIMESTAMP_PATTERN, description })
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 128, description })
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 128, description })
const Millis = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600 * 1000, description })
const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000, description })
const Text = (description: string) => Type.String({ maxLength: 2000, description })
// A closed set of strings, as a JSON Schema `enum` typed as its literal union.
const Enum = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description })

export const CHANNELS = ['voice', 'chat', 'app'] as const
export const AGENT_STATES = ['offline', 'available', 'on_call', 'wrap_up', 'not_ready'] as const
export const DISPOSITIONS = ['consultation', 'fault_report', 'complaint', 'business', 'arrears', 'other'] as const
export const RATINGS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const
export const SURVEY_REF_TYPES = ['call', 'workorder'] as const
export const OUTAGE_KINDS = ['planned', 'temporary', 'fault', 'load_shedding'] as const
export const NOTIFY_CHANNELS = ['sms', 'call', 'app', 'notice'] as const
export const WORKORDER_CATEGORIES = [
  'fault_repair',
  'complaint',
  'consultation',
  'business',
  'arrears_reconnect',
  'feedback',
] as const
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const AREA_CLASSES = ['urban', 'rural', 'remote'] as const
export const CUSTOMER_TIERS = ['diamond', 'gold', 'silver', 'basic'] as const
export const SUPERVISION_TARGET_TYPES = ['workorder', 'outage', 'alert'] as const
export const SUPERVISION_OUTCOMES = ['accepted', 'returned'] as const

export type AgentState = (typeof AGENT_STATES)[number]
export type OutageKind = (typeof OUTAGE_KINDS)[number]
export type WorkorderCategory = (typeof WORKORDER_CATEGORIES)[number]
export type AreaClass = (typeof AREA_CLASSES)[number]
export type SupervisionTargetType = (typeof SUPERVISION_TARGET_TYPES)[number]
export type SupervisionOutcome = (typeof SUPERVISION_OUTCOMES)[number]

const envelope = {
  event_id: Type.String({ format: 'uuid', description: 'unique; the deduplication key' }),
  occurred_at: Timestamp('when it happened'),
  source: Name('the producing system'),
  region: Name('a region code of the territory'),
  schema_version: Type.Literal(1),
}

// An event schema: the envelope, the `type` literal and the type's own fields.
// additionalProperties:false together with ajv's removeAdditional drops unknown
// fields instead of rejecting them (forward compatible producers).
function event<const T extends string, P extends TProperties>(type: T, fields: P) {
  return Type.Object(
    { ...envelope, type: Type.Literal(type), ...fields },
    { additionalProperties: false, $id: type },
  )
}

export const EventSchemas = {
  'call.offered': event('call.offered', {
    call_id: Id('call'),
    queue: Name('call queue'),
    channel: Type.Optional(Enum(CHANNELS, 'voice, chat or app; default voice')),
  }),
  'call.ivr_completed': event('call.ivr_completed', { call_id: Id('call') }),
  'call.answered': event('call.answered', {
    call_id: Id('call'),
    queue: Name('call queue'),
    agent_id: Id('agent'),
    wait_ms: Millis('time waited in queue'),
  }),
  'call.abandoned': event('call.abandoned', {
    call_id: Id('call'),
    queue: Name('call queue'),
    wait_ms: Millis('time waited before hanging up'),
  }),
  'call.ended': event('call.ended', {
    call_id: Id('call'),
    agent_id: Id('agent'),
    talk_ms: Millis('talk time'),
    hold_ms: Millis('hold time'),
    wrap_ms: Millis('after-call work'),
    resolved_first_contact: Type.Boolean({ description: 'resolved at first contact' }),
    disposition: Enum(DISPOSITIONS, 'call outcome'),
  }),
  'agent.state': event('agent.state', {
    agent_id: Id('agent'),
    team: Name('agent team'),
    state: Enum(AGENT_STATES, 'agent state'),
    reason: Type.Optional(Text('reason, e.g. for not_ready')),
  }),
  'survey.result': event('survey.result', {
    survey_id: Id('survey'),
    ref_type: Enum(SURVEY_REF_TYPES, 'what was surveyed'),
    ref_id: Id('call or work order'),
    rating: Enum(RATINGS, 'rating'),
    reason: Type.Optional(Text('free-text reason')),
  }),
  'outage.started': event('outage.started', {
    outage_id: Id('outage'),
    kind: Enum(OUTAGE_KINDS, 'outage kind'),
    feeder: Name('feeder'),
    customers_affected: Count('customers without supply'),
    key_customers_affected: Type.Optional(Count('key customers without supply; default 0')),
    etr: Type.Optional(Timestamp('estimated time of restoration')),
    cause: Type.Optional(Text('cause')),
  }),
  'outage.updated': event('outage.updated', {
    outage_id: Id('outage'),
    customers_affected: Type.Optional(Count('customers without supply')),
    etr: Type.Optional(Timestamp('estimated time of restoration')),
  }),
  'outage.restored': event('outage.restored', { outage_id: Id('outage') }),
  'outage.notified': event('outage.notified', {
    outage_id: Id('outage'),
    customers_notified: Count('customers notified'),
    channel: Enum(NOTIFY_CHANNELS, 'notification channel'),
  }),
  'workorder.created': event('workorder.created', {
    workorder_id: Id('work order'),
    category: Enum(WORKORDER_CATEGORIES, 'work order category'),
    priority: Enum(PRIORITIES, 'priority'),
    area_class: Enum(AREA_CLASSES, 'area class'),
    customer_tier: Type.Optional(Enum(CUSTOMER_TIERS, 'customer tier')),
    outage_id: Type.Optional(Id('related outage')),
    call_id: Type.Optional(Id('originating call')),
  }),
  'workorder.dispatched': event('workorder.dispatched', { workorder_id: Id('work order'), team: Name('team') }),
  'workorder.accepted': event('workorder.accepted', { workorder_id: Id('work order') }),
  'workorder.contacted': event('workorder.contacted', { workorder_id: Id('work order') }),
  'workorder.arrived': event('workorder.arrived', { workorder_id: Id('work order') }),
  'workorder.resolved': event('workorder.resolved', { workorder_id: Id('work order') }),
  'workorder.callback': event('workorder.callback', { workorder_id: Id('work order') }),
  'workorder.closed': event('workorder.closed', { workorder_id: Id('work order') }),
  'workorder.reopened': event('workorder.reopened', {
    workorder_id: Id('work order'),
    reason: Type.Optional(Text('why it was reopened')),
  }),
  'workorder.escalated': event('workorder.escalated', {
    workorder_id: Id('work order'),
    to_level: Name('level escalated to'),
  }),
  'workorder.supervised': event('workorder.supervised', {
    workorder_id: Id('work order'),
    by: Name('who supervises'),
    note: Type.Optional(Text('supervision note')),
  }),
  // Supervision orders (DOMAIN.md §1, §4): issued and closed by the product,
  // received and replied by the team's own system; all on ops.supervision.
  'supervision.issued': event('supervision.issued', {
    supervision_id: Id('supervision order'),
    target_type: Enum(SUPERVISION_TARGET_TYPES, 'what is supervised'),
    target_id: Id('the work order, outage or alert'),
    team: Name('the responsible team'),
    reason: Text('why it is supervised'),
    action: Text('what the team is asked to do'),
    due_at: Timestamp('the reply deadline'),
    by: Name('who issued it (user name)'),
  }),
  'supervision.received': event('supervision.received', {
    supervision_id: Id('supervision order'),
    by: Type.Optional(Name('who signed for it')),
  }),
  'supervision.replied': event('supervision.replied', {
    supervision_id: Id('supervision order'),
    reply: Text('the team’s answer'),
    by: Type.Optional(Name('who replied')),
  }),
  'supervision.closed': event('supervision.closed', {
    supervision_id: Id('supervision order'),
    outcome: Enum(SUPERVISION_OUTCOMES, 'accepted, or returned for rework'),
    comment: Type.Optional(Text('why')),
    by: Name('who closed it (user name)'),
  }),
} satisfies Record<string, TObject>

type Schemas = typeof EventSchemas
export type EventType = keyof Schemas
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[]
export type EventOf<T extends EventType> = Static<Schemas[T]>
/** Any valid event: a union discriminated by `type`. */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType]

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EventSchemas, value)
}

/** The family an event type belongs to, which also names its Kafka topic. */
export type EventFamily = 'calls' | 'agents' | 'surveys' | 'outages' | 'workorders' | 'supervision'
export function familyOf(type: EventType): EventFamily {
  if (type === 'agent.state') return 'agents'
  if (type.startsWith('supervision.')) return 'supervision'
  if (type === 'survey.result') return 'surveys'
  if (type.startsWith('call.')) return 'calls'
  if (type.startsWith('outage.')) return 'outages'
  return 'workorders'
}

/** The entity an event belongs to: its Kafka key, and the id its timeline is looked up by. */
export function entityIdOf(event: DomainEvent): string {
  if ('supervision_id' in event) return event.supervision_id
  if ('workorder_id' in event) return event.workorder_id
  if ('outage_id' in event) return event.outage_id
  if ('survey_id' in event) return event.survey_id
  if ('agent_id' in event && event.type === 'agent.state') return event.agent_id
  return event.call_id
}
