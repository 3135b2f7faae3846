// An event as a row of the `events` table: the wire fields as columns of the
// same name, defaults where a type lacks a field, and the enrichment the
// entity projector adds (schemas/migrations/001_events.sql says what each is).
import { entityIdOf, type DomainEvent } from '../schemas/events.ts'
import { chTimeFromIso, chTimeOrNull } from './time-format.ts'

export interface Enrichment {
  category?: string
  priority?: string
  area_class?: string
  customer_tier?: string
  kind?: string
  prev_state?: string
  prev_since?: number | null
  ref_started_at?: number | null
  deadline_at?: number | null
  callback_due_at?: number | null
}

export type EventRow = Record<string, string | number | null>

export function toEventRow(event: DomainEvent, receivedAt: string, enrichment: Enrichment): EventRow {
  const e = event as Record<string, unknown>
  const str = (key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '')
  const num = (key: string): number => (typeof e[key] === 'number' ? (e[key] as number) : 0)
  return {
    event_id: event.event_id,
    type: event.type,
    occurred_at: chTimeFromIso(event.occurred_at),
    received_at: receivedAt,
    source: event.source,
    region: event.region,
    schema_version: event.schema_version,
    entity_id: entityIdOf(event),
    call_id: str('call_id'),
    queue: str('queue'),
    channel: str('channel') || (event.type === 'call.offered' ? 'voice' : ''),
    agent_id: str('agent_id'),
    team: str('team'),
    state: str('state'),
    reason: str('reason'),
    wait_ms: num('wait_ms'),
    talk_ms: num('talk_ms'),
    hold_ms: num('hold_ms'),
    wrap_ms: num('wrap_ms'),
    resolved_first_contact: e.resolved_first_contact === true ? 1 : 0,
    disposition: str('disposition'),
    survey_id: str('survey_id'),
    ref_type: str('ref_type'),
    ref_id: str('ref_id'),
    rating: str('rating'),
    outage_id: str('outage_id'),
    kind: str('kind') || (enrichment.kind ?? ''),
    feeder: str('feeder'),
    customers_affected: typeof e.customers_affected === 'number' ? e.customers_affected : null,
    key_customers_affected: num('key_customers_affected'),
    etr: typeof e.etr === 'string' ? chTimeFromIso(e.etr) : null,
    cause: str('cause'),
    customers_notified: num('customers_notified'),
    workorder_id: str('workorder_id'),
    category: str('category') || (enrichment.category ?? ''),
    priority: str('priority') || (enrichment.priority ?? ''),
    area_class: str('area_class') || (enrichment.area_class ?? ''),
    customer_tier: str('customer_tier') || (enrichment.customer_tier ?? ''),
    to_level: str('to_level'),
    by: str('by'),
    note: str('note'),
    prev_state: enrichment.prev_state ?? '',
    prev_since: chTimeOrNull(enrichment.prev_since ?? null),
    ref_started_at: chTimeOrNull(enrichment.ref_started_at ?? null),
    deadline_at: chTimeOrNull(enrichment.deadline_at ?? null),
    callback_due_at: chTimeOrNull(enrichment.callback_due_at ?? null),
  }
}
