// A supervision order (督办, DOMAIN.md §4) as the API gives it: the server
// answers with it, the desk reads it. Its states, and the steps of its history.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { SUPERVISION_OUTCOMES, SUPERVISION_TARGET_TYPES, type SupervisionTargetType } from './events.ts'

export const SUPERVISION_STATES = ['issued', 'received', 'replied', 'closed'] as const
export type SupervisionStateName = (typeof SUPERVISION_STATES)[number]

export const SUPERVISION_STEPS = ['issued', 'received', 'replied', 'reminded', 'alerted', 'returned', 'closed'] as const
export type StepName = (typeof SUPERVISION_STEPS)[number]

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const OneOf = <const T extends readonly string[]>(values: T, description: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description })
const Time = Type.String({ format: 'date-time' })

/** What issuing an order asks (POST /api/v1/supervisions): the team and the deadline default on the server. */
export interface IssueInput {
  target_type: SupervisionTargetType
  target_id: string
  team?: string
  reason: string
  action: string
  due_in_minutes?: number
}

export const SupervisionOut = Type.Object({
  id: Type.String(),
  target_type: OneOf(SUPERVISION_TARGET_TYPES, 'what is supervised'),
  target_id: Type.String(),
  region: Type.String({ description: "the target's region, where the order counts" }),
  team: Type.String(),
  reason: Type.String(),
  action: Type.String(),
  state: OneOf(SUPERVISION_STATES, 'issued, received, replied or closed (a returned order is issued again)'),
  round: Type.Integer({ description: '1, and one more each time it is returned for rework' }),
  issued_by: Type.String(),
  created_at: Time,
  issued_at: Type.String({ format: 'date-time', description: "this round's issue" }),
  due_at: Type.String({ format: 'date-time', description: "this round's reply deadline" }),
  overdue: Type.Boolean({ description: 'unanswered past the deadline' }),
  received_at: Nullable(Time),
  replied_at: Nullable(Time),
  reply: Nullable(Type.String()),
  reminded_at: Nullable(Time),
  alerted_at: Nullable(Time),
  outcome: Nullable(OneOf(SUPERVISION_OUTCOMES, 'accepted (closed) or returned')),
  closed_at: Nullable(Time),
})
export type SupervisionView = Static<typeof SupervisionOut>

export const SupervisionStepOut = Type.Object({
  at: Time,
  step: OneOf(SUPERVISION_STEPS, 'issued, received, replied, reminded, alerted, returned or closed'),
  by: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
})
export type SupervisionStepView = Static<typeof SupervisionStepOut>
