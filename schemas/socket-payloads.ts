// Validation of what clients send over Socket.IO (schemas/socket-events.ts
// gives the types): the server checks every payload before acting on it.
import { Type, type Static } from '@sinclair/typebox'
import { Ajv, type ErrorObject } from 'ajv'
import type { DisplayHeartbeat, Subscription } from './socket-events.ts'

const Code = Type.String({ minLength: 1, maxLength: 64 })

export const SubscriptionSchema = Type.Object(
  {
    region: Type.Optional(Type.Union([Code, Type.Null()])),
  },
  { additionalProperties: false },
)

export const DisplayHeartbeatSchema = Type.Object(
  {
    layout: Type.String({ maxLength: 128 }),
    build: Type.String({ maxLength: 128 }),
    updates_per_minute: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    js_heap_bytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    screen: Type.Object(
      { width: Type.Integer({ minimum: 0, maximum: 100_000 }), height: Type.Integer({ minimum: 0, maximum: 100_000 }) },
      { additionalProperties: false },
    ),
    url: Type.String({ maxLength: 2048 }),
  },
  { additionalProperties: false },
)

// Compile-time proof that what the schemas accept fits the shared types.
type Assert<T extends true> = T
export type _SchemasFitTypes = Assert<
  Static<typeof SubscriptionSchema> extends Subscription
    ? Static<typeof DisplayHeartbeatSchema> extends DisplayHeartbeat
      ? true
      : false
    : false
>

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true })
const checkSubscription = ajv.compile<Subscription>(SubscriptionSchema)
const checkHeartbeat = ajv.compile<DisplayHeartbeat>(DisplayHeartbeatSchema)

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid payload'
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(payload)'
  return `${field}: ${error.message ?? error.keyword}`
}

export type PayloadCheck<T> = { ok: true; value: T } | { ok: false; message: string }

export function parseSubscription(value: unknown): PayloadCheck<Subscription> {
  return checkSubscription(value) ? { ok: true, value } : { ok: false, message: `invalid subscription: ${describe(checkSubscription.errors?.[0])}` }
}

export function parseDisplayHeartbeat(value: unknown): PayloadCheck<DisplayHeartbeat> {
  return checkHeartbeat(value) ? { ok: true, value } : { ok: false, message: `invalid heartbeat: ${describe(checkHeartbeat.errors?.[0])}` }
}
