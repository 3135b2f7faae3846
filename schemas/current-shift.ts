// Who is on duty now (GET /api/v1/shifts/current), from the alerting
// configuration's roster: the server's answer schema and the type the desk
// and the lead's page read it with.
import { Type, type Static } from '@sinclair/typebox'

export const DutyPerson = Type.Object({
  username: Type.String(),
  display_name: Type.String({ description: "the user's display name, or the username when the roster names someone without an account" }),
  mobile: Type.Optional(Type.String()),
  wecom_userid: Type.Optional(Type.String()),
  dingtalk_mobile: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
})

export const CurrentShift = Type.Object({
  at: Type.String({ format: 'date-time' }),
  shift: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      start: Type.String({ description: 'local clock time, as the roster writes it' }),
      end: Type.String(),
      date: Type.String({ format: 'date', description: 'the local date the shift began on (a night shift past midnight belongs to the day before)' }),
      starts_at: Type.String({ format: 'date-time' }),
      ends_at: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  team: Type.Union([Type.String(), Type.Null()]),
  lead: Type.Union([DutyPerson, Type.Null()]),
  officers: Type.Array(DutyPerson),
  director: Type.Union([DutyPerson, Type.Null()]),
})

export type DutyPerson = Static<typeof DutyPerson>
export type CurrentShift = Static<typeof CurrentShift>
