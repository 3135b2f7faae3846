// Valid example events of every type, for tests that need one of each or a
// hand-made sequence. `at` sets occurred_at; overrides replace any field.
import { randomUUID } from 'node:crypto'
import type { DomainEvent, EventType } from '../../schemas/events.ts'

const FIELDS: Record<EventType, Record<string, unknown>> = {
  'call.offered': { call_id: 'C-1', queue: 'fault', channel: 'voice' },
  'call.ivr_completed': { call_id: 'C-1' },
  'call.answered': { call_id: 'C-1', queue: 'fault', agent_id: 'A-1', wait_ms: 12_000 },
  'call.abandoned': { call_id: 'C-1', queue: 'fault', wait_ms: 30_000 },
  'call.ended': { call_id: 'C-1', agent_id: 'A-1', talk_ms: 180_000, hold_ms: 10_000, wrap_ms: 30_000, resolved_first_contact: true, disposition: 'fault_report' },
  'agent.state': { agent_id: 'A-1', team: 'cc-a', state: 'available' },
  'survey.result': { survey_id: 'S-1', ref_type: 'call', ref_id: 'C-1', rating: 'satisfied' },
  'outage.started': { outage_id: 'O-1', kind: 'fault', feeder: 'F-101', customers_affected: 800, key_customers_affected: 1 },
  'outage.updated': { outage_id: 'O-1', customers_affected: 900 },
  'outage.restored': { outage_id: 'O-1' },
  'outage.notified': { outage_id: 'O-1', customers_notified: 800, channel: 'sms' },
  'workorder.created': { workorder_id: 'W-1', category: 'fault_repair', priority: 'high', area_class: 'urban' },
  'workorder.dispatched': { workorder_id: 'W-1', team: 'field-east' },
  'workorder.accepted': { workorder_id: 'W-1' },
  'workorder.contacted': { workorder_id: 'W-1' },
  'workorder.arrived': { workorder_id: 'W-1' },
  'workorder.resolved': { workorder_id: 'W-1' },
  'workorder.callback': { workorder_id: 'W-1' },
  'workorder.closed': { workorder_id: 'W-1' },
  'workorder.reopened': { workorder_id: 'W-1', reason: 'fault returned' },
  'workorder.escalated': { workorder_id: 'W-1', to_level: 'provincial' },
  'workorder.supervised': { workorder_id: 'W-1', by: 'duty lead Wang' },
  'supervision.issued': {
    supervision_id: 'SV-1', target_type: 'workorder', target_id: 'W-1', team: 'field-east',
    reason: 'the customer called three times', action: 'call the customer back today', due_at: '2030-01-01T02:00:00.000Z', by: 'officer-li',
  },
  'supervision.received': { supervision_id: 'SV-1', by: 'crew lead Zhao' },
  'supervision.replied': { supervision_id: 'SV-1', reply: 'crew on site, fixed by 16:00', by: 'crew lead Zhao' },
  'supervision.closed': { supervision_id: 'SV-1', outcome: 'accepted', comment: 'confirmed with the customer', by: 'officer-li' },
}

export function sampleEvent<T extends EventType>(
  type: T,
  at: Date | number = Date.now(),
  overrides: Record<string, unknown> = {},
): DomainEvent {
  return {
    event_id: randomUUID(),
    type,
    occurred_at: new Date(at).toISOString(),
    source: 'test',
    region: 'D05',
    schema_version: 1,
    ...FIELDS[type],
    ...overrides,
  } as DomainEvent
}
