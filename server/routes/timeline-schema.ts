// The response of the entity timelines (work orders and outages).
import { Type } from '@sinclair/typebox'
import { Nullable } from './route-schemas.ts'

export const TimelineResponse = Type.Object({
  entity_id: Type.String(),
  events: Type.Array(
    Type.Object({
      event_id: Type.String(),
      type: Type.String(),
      occurred_at: Type.String({ format: 'date-time' }),
      received_at: Type.String({ format: 'date-time' }),
      source: Type.String(),
      region: Type.String(),
      fields: Type.Record(Type.String(), Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])), {
        description: "the event type's own fields, as on the wire",
      }),
      deadline_at: Nullable(Type.String({ format: 'date-time', description: 'the SLA deadline this event met or missed' })),
    }),
  ),
})

export const EntityIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) })
