// Corrupted lines of the kinds real feeds produce, for testing that ingest
// rejects them with a reason and keeps going.
import { DAY } from './clock.ts'
import type { Rng } from './random.ts'

const MALFORMED_KINDS = [
  'not_json',
  'wrong_type',
  'missing_field',
  'unknown_enum',
  'negative_duration',
  'unknown_type',
  'far_future',
  'impossible_date',
  'bad_event_id',
] as const
type MalformedKind = (typeof MALFORMED_KINDS)[number]

const GARBAGE = ['', 'null', '[]', '"call.offered"', 'ERROR connection reset by peer', '<html><body>502 Bad Gateway</body></html>', '{"type":']
const MISSING = ['event_id', 'type', 'occurred_at', 'source', 'region', 'schema_version']
const UNKNOWN_ENUM: Record<string, string> = {
  state: 'lunch',
  disposition: 'transferred',
  kind: 'unplanned',
  rating: 'neutral',
  category: 'misc',
  priority: 'critical',
  area_class: 'suburban',
  channel: 'fax',
  ref_type: 'order',
}
const AMOUNTS = ['wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms', 'customers_affected', 'customers_notified']
const UNKNOWN_TYPES = ['call.transferred', 'agent.login', 'meter.reading', 'outage.cancelled', 'workorder.merged']

/** A malformed replacement for the valid event `line`. */
export function corrupt(line: string, rng: Rng): string {
  const kind = rng.pick(MALFORMED_KINDS)
  if (kind === 'not_json') {
    // Any proper prefix of a JSON object is invalid: a line cut in transit.
    return rng.chance(0.6) ? line.slice(0, 1 + rng.int(line.length - 2)) : rng.pick(GARBAGE)
  }
  const event = JSON.parse(line) as Record<string, unknown>
  apply(event, kind, rng)
  return JSON.stringify(event)
}

function apply(event: Record<string, unknown>, kind: MalformedKind, rng: Rng): void {
  switch (kind) {
    case 'unknown_enum': {
      const field = Object.keys(UNKNOWN_ENUM).find((f) => f in event)
      if (field === undefined) return apply(event, 'wrong_type', rng)
      event[field] = UNKNOWN_ENUM[field]
      return
    }
    case 'negative_duration': {
      const field = AMOUNTS.find((f) => typeof event[f] === 'number')
      if (field === undefined) return apply(event, 'missing_field', rng)
      event[field] = -1 - (event[field] as number)
      return
    }
    case 'wrong_type': {
      const field = AMOUNTS.find((f) => typeof event[f] === 'number')
      if (field !== undefined && rng.chance(0.5)) event[field] = String(event[field])
      else if (rng.chance(0.5)) event.schema_version = '1'
      else event.region = 12
      return
    }
    case 'missing_field':
      delete event[rng.pick(MISSING)]
      return
    case 'unknown_type':
      event.type = rng.pick(UNKNOWN_TYPES)
      return
    case 'far_future':
      // Well-formed, so only a plausibility check catches it.
      event.occurred_at = new Date(Date.parse(String(event.occurred_at)) + Math.round(rng.uniform(180, 800)) * DAY).toISOString()
      return
    case 'impossible_date':
      event.occurred_at = String(event.occurred_at).replace(/^(\d{4})-\d{2}-/, '$1-13-')
      return
    case 'bad_event_id':
      event.event_id = `evt-${rng.int(1e9)}`
      return
    case 'not_json':
      return
  }
}
