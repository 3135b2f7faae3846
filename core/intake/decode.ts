// Decoding one input (a Kafka message value, an NDJSON line, a JSON value
// from an HTTP body) into a valid, normalized event, or a rejection with a
// reason code and a reason that names the problem.
import { validateEvent, type RejectCode } from '../../schemas/validate.ts'
import type { DomainEvent } from '../../schemas/events.ts'
import type { DecodeLimits } from '../config.ts'

export type IngestInput = string | Uint8Array | object

export type Decoded =
  | { ok: true; event: DomainEvent }
  | { ok: false; code: RejectCode; reason: string; payload: string; payloadBytes: number }

const DEAD_LETTER_PAYLOAD_CHARS = 65_536
const decoder = new TextDecoder('utf-8', { fatal: false })

function reject(code: RejectCode, reason: string, payload: string, payloadBytes?: number): Decoded {
  return {
    ok: false,
    code,
    reason: `${code}: ${reason}`,
    payload: payload.length > DEAD_LETTER_PAYLOAD_CHARS ? payload.slice(0, DEAD_LETTER_PAYLOAD_CHARS) : payload,
    payloadBytes: payloadBytes ?? Buffer.byteLength(payload),
  }
}

/** Canonical wire form of a timestamp: UTC with milliseconds and `Z`. */
function canonical(ts: string): string {
  return ts.length === 24 && ts.endsWith('Z') ? ts : new Date(ts).toISOString()
}

export function decode(input: IngestInput, now: number, limits: DecodeLimits): Decoded {
  let value: unknown
  let text: string | undefined
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength
    text = typeof input === 'string' ? input : decoder.decode(input)
    if (bytes > limits.maxEventBytes) {
      return reject('too_large', `message of ${bytes} bytes exceeds the limit of ${limits.maxEventBytes}`, text, bytes)
    }
    try {
      value = JSON.parse(text)
    } catch (err) {
      return reject('not_json', (err as Error).message, text)
    }
  } else {
    value = input
  }
  const result = validateEvent(value)
  if (!result.ok) {
    return reject(result.code, result.reason, text ?? JSON.stringify(value) ?? String(value))
  }
  const event = result.event
  // ClickHouse returns UUIDs in lower case; the duplicate check compares them so.
  event.event_id = event.event_id.toLowerCase()
  event.occurred_at = canonical(event.occurred_at)
  if ('etr' in event && event.etr !== undefined) event.etr = canonical(event.etr)
  if ('due_at' in event) event.due_at = canonical(event.due_at)
  const at = Date.parse(event.occurred_at)
  if (at > now + limits.maxFutureSkewMs) {
    return reject(
      'too_far_future',
      `occurred_at ${event.occurred_at} is more than ${limits.maxFutureSkewMs / 1000} s in the future`,
      text ?? JSON.stringify(event),
    )
  }
  if (at < now - limits.maxPastSkewMs) {
    return reject(
      'too_far_past',
      `occurred_at ${event.occurred_at} is more than ${limits.maxPastSkewMs / 86_400_000} days in the past`,
      text ?? JSON.stringify(event),
    )
  }
  return { ok: true, event }
}
