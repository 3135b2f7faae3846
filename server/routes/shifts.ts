// GET /api/v1/shifts/current: who is on duty now, from the alerting
// configuration's roster (the file, or the admins' edits over it): the shift,
// the team working it, its lead and officers and the center's director, each
// with the contacts the roster gives, so an officer knows whom to call and
// the escalation's "lead on duty" can be checked by a person. Without a
// roster, or between shifts, the shift is null and nobody is on duty.
import type { FastifyInstance } from 'fastify'
import type { StoreQueryable } from '../../core/store/store.ts'
import type { Roster } from '../../schemas/alerting-config.ts'
import { CurrentShift } from '../../schemas/current-shift.ts'
import { onDuty } from '../alerting/roster/on-duty.ts'
import { RecipientResolver } from '../alerting/roster/recipients.ts'
import { errorResponses } from '../http-error.ts'

export interface ShiftRoutesOptions {
  store: StoreQueryable
  /** The roster in force now (null when the alerting configuration has none). */
  roster: () => Roster | null
  timeZone: string
  now: () => Date
}

export default async function shiftRoutes(app: FastifyInstance, opts: ShiftRoutesOptions): Promise<void> {
  const people = new RecipientResolver({ store: opts.store, roster: opts.roster, timeZone: opts.timeZone })
  app.get(
    '/shifts/current',
    {
      schema: {
        tags: ['alerting'],
        summary: 'Who is on duty now: the shift, its team, lead and officers, and the director (from the roster)',
        response: { 200: CurrentShift, ...errorResponses },
      },
    },
    async () => {
      const at = opts.now().getTime()
      const duty = onDuty(opts.roster(), opts.timeZone, at)
      const named = [...(duty.lead ? [duty.lead] : []), ...duty.officers, ...(duty.director ? [duty.director] : [])]
      const found = new Map((await people.people(named, at)).map((p) => [p.username, p]))
      const person = (username: string | null) => (username === null ? null : (found.get(username) ?? null))
      const { shift } = duty
      return {
        at: new Date(at).toISOString(),
        shift: shift && {
          id: shift.id,
          name: shift.name,
          start: shift.start,
          end: shift.end,
          date: shift.date,
          starts_at: new Date(shift.startsAt).toISOString(),
          ends_at: new Date(shift.endsAt).toISOString(),
        },
        team: duty.team,
        lead: person(duty.lead),
        officers: duty.officers.flatMap((u) => found.get(u) ?? []),
        director: person(duty.director),
      }
    },
  )
}
