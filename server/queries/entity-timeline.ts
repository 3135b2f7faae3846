// One work order's, outage's or call's timeline: every stored event of the entity in
// the order it happened, read from the raw events table through its entity_id
// bloom-filter index on the days it has events on only (kept by migration 016
// in entity_days), not in every daily partition held. Each event carries the
// fields its contract defines (schemas/events.ts), so the timeline shows what
// was sent, not every column.
import type { ClickHouseClient } from '@clickhouse/client'
import { EventSchemas, isEventType } from '../../schemas/events.ts'
import { isoFromCh } from './iso-time.ts'

export type TimelineFamily = 'workorder' | 'outage' | 'call'

export interface TimelineEvent {
  event_id: string
  type: string
  occurred_at: string
  received_at: string
  source: string
  region: string
  /** The type's own fields, as on the wire. */
  fields: Record<string, string | number | boolean | null>
  /** The SLA deadline this event met or missed (work orders), if one applied. */
  deadline_at: string | null
}

const ENVELOPE = new Set(['event_id', 'type', 'occurred_at', 'source', 'region', 'schema_version'])
const TIME_FIELDS = new Set(['etr'])
/** Stored as UInt8, a boolean on the wire. */
const BOOLEAN_FIELDS = new Set(['resolved_first_contact'])

const COLUMNS: Record<TimelineFamily, string[]> = {
  workorder: ['workorder_id', 'category', 'priority', 'area_class', 'customer_tier', 'outage_id', 'call_id', 'team', 'reason', 'to_level', 'by', 'note'],
  outage: ['outage_id', 'kind', 'feeder', 'customers_affected', 'key_customers_affected', 'etr', 'cause', 'customers_notified', 'channel'],
  call: ['call_id', 'queue', 'channel', 'agent_id', 'wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms', 'resolved_first_contact', 'disposition'],
}

type Raw = Record<string, string | number | null>

function fieldsOf(type: string, row: Raw): TimelineEvent['fields'] {
  if (!isEventType(type)) return {}
  const fields: TimelineEvent['fields'] = {}
  for (const name of Object.keys(EventSchemas[type].properties)) {
    if (ENVELOPE.has(name) || !(name in row)) continue
    const value = row[name]
    fields[name] = TIME_FIELDS.has(name) ? isoFromCh(value as string | null) : BOOLEAN_FIELDS.has(name) ? Number(value) === 1 : value
  }
  return fields
}

export async function entityTimeline(client: ClickHouseClient, family: TimelineFamily, id: string): Promise<TimelineEvent[]> {
  const result = await client.query({
    query: `SELECT toString(event_id) AS event_id, type, occurred_at, received_at, source, region, deadline_at, ${COLUMNS[family].map((c) => `\`${c}\``).join(', ')}
      FROM events
      WHERE entity_id = {id:String} AND startsWith(type, {prefix:String})
        AND toDate(occurred_at) IN (SELECT arrayJoin(days) FROM entity_days WHERE entity_id = {id:String})
      ORDER BY occurred_at, received_at, event_id`,
    query_params: { id, prefix: `${family}.` },
    format: 'JSONEachRow',
  })
  const rows = await result.json<Raw>()
  return rows.map((row) => ({
    event_id: String(row.event_id),
    type: String(row.type),
    occurred_at: isoFromCh(row.occurred_at as string)!,
    received_at: isoFromCh(row.received_at as string)!,
    source: String(row.source),
    region: String(row.region),
    fields: fieldsOf(String(row.type), row),
    deadline_at: isoFromCh(row.deadline_at as string | null),
  }))
}
