// Compiled validators for the event contracts, and reasons a person can act
// on: every rejection names the field at fault.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formatsPlugin from 'ajv-formats'
import { EventSchemas, EVENT_TYPES, isEventType, type DomainEvent, type EventType } from './events.ts'

const ajv = new Ajv({ allErrors: false, removeAdditional: true, strict: true, allowUnionTypes: true })
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin
addFormats(ajv, ['uuid'])

const validators = new Map<EventType, ValidateFunction>(
  EVENT_TYPES.map((type) => [type, ajv.compile(EventSchemas[type])]),
)

export type Validation = { ok: true; event: DomainEvent } | { ok: false; code: RejectCode; reason: string }

/** Reason codes, stable for metrics and for the dead-letter table. */
export type RejectCode =
  | 'not_json'
  | 'not_object'
  | 'unknown_type'
  | 'invalid'
  | 'too_large'
  | 'too_far_future'
  | 'too_far_past'

function describe(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  switch (error.keyword) {
    case 'required':
      return `missing field ${String(error.params.missingProperty)}`
    case 'enum':
      return `field ${field}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`
    case 'const':
      return `field ${field}: must be ${JSON.stringify(error.params.allowedValue)}`
    case 'type':
      return `field ${field}: must be ${String(error.params.type)}`
    case 'minimum':
      return `field ${field}: must be >= ${String(error.params.limit)} (got a negative or too small value)`
    case 'format':
    case 'pattern':
      return `field ${field}: not a valid ${error.keyword === 'format' ? String(error.params.format) : 'ISO 8601 timestamp with offset'}`
    default:
      return `field ${field || '(event)'}: ${error.message ?? error.keyword}`
  }
}

/**
 * Validates one decoded value as an event. Unknown extra fields are removed
 * from the object in place (forward compatible); anything else wrong is a
 * rejection whose reason names the field.
 */
export function validateEvent(value: unknown): Validation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'not_object', reason: 'an event must be a JSON object' }
  }
  const type = (value as { type?: unknown }).type
  if (type === undefined) return { ok: false, code: 'invalid', reason: 'missing field type' }
  if (!isEventType(type)) {
    return { ok: false, code: 'unknown_type', reason: `unknown event type ${JSON.stringify(type).slice(0, 80)}` }
  }
  const validate = validators.get(type)!
  if (!validate(value)) {
    return { ok: false, code: 'invalid', reason: describe(validate.errors![0]) }
  }
  const event = value as DomainEvent
  for (const field of ['occurred_at', 'etr', 'due_at'] as const) {
    const ts = (event as Record<string, unknown>)[field]
    if (typeof ts === 'string' && Number.isNaN(Date.parse(ts))) {
      return { ok: false, code: 'invalid', reason: `field ${field}: not a real date` }
    }
  }
  return { ok: true, event }
}
