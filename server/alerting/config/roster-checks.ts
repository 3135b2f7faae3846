// What the schema cannot say about the roster: the shifts of a day cover
// all 24 hours once (someone is always on duty, never two shifts at once),
// the rotation and the exceptions name shifts and teams that exist, and
// contacts are numbers and addresses a gateway can use. Usernames are
// checked by the schema's pattern (the same as a user's).
import type { Roster } from '../../../schemas/alerting-config.ts'
import type { Problem } from './problems.ts'

const DAY = 24 * 60
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
const MOBILE = /^\+?\d{6,15}$/
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Which shift covers each minute of a day (a shift may run past midnight; start = end is all day). */
function coverageProblems(shifts: Roster['shifts']): Problem[] {
  const owner: Array<number | undefined> = new Array<number | undefined>(DAY)
  for (const [i, shift] of shifts.entries()) {
    const start = minutesOf(shift.start)
    const length = (minutesOf(shift.end) - start + DAY) % DAY || DAY
    for (let m = 0; m < length; m += 1) {
      const minute = (start + m) % DAY
      const other = owner[minute]
      if (other !== undefined) {
        const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
        return [{ path: ['roster', 'shifts', i], message: `${shift.id} (${shift.start}–${shift.end}) overlaps ${shifts[other].id} (${shifts[other].start}–${shifts[other].end}) at ${clock}` }]
      }
      owner[minute] = i
    }
  }
  if (!owner.includes(undefined)) return []
  // Name the gap from where a shift ends to where the next begins, as a person reads a roster.
  const covered = (m: number) => owner[(m + DAY) % DAY] !== undefined
  const start = owner.findIndex((_, m) => !covered(m) && covered(m - 1))
  const from = start === -1 ? 0 : start
  let to = from
  while (!covered(to) && to < from + DAY) to += 1
  const clock = (m: number) => `${String(Math.floor((m % DAY) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return [{ path: ['roster', 'shifts'], message: `no shift covers ${clock(from)}–${clock(to)}: the shifts of a day must cover all 24 hours (e.g. day 08:30–17:30, night 17:30–08:30)` }]
}

export function rosterProblems(roster: Roster): Problem[] {
  const problems: Problem[] = []
  const shiftIds = roster.shifts.map((s) => s.id)
  const teamIds = Object.keys(roster.teams)
  roster.shifts.forEach((shift, i) => {
    if (shiftIds.indexOf(shift.id) !== i) problems.push({ path: ['roster', 'shifts', i, 'id'], message: `the shift id ${shift.id} is used twice` })
  })
  if (problems.length === 0) problems.push(...coverageProblems(roster.shifts))

  const team = (id: string, path: Array<string | number>) =>
    teamIds.includes(id) ? [] : [{ path, message: `no team ${JSON.stringify(id)} in roster.teams; the teams are ${teamIds.join(', ') || 'none'}` }]
  const shift = (id: string, path: Array<string | number>) =>
    shiftIds.includes(id) ? [] : [{ path, message: `no shift ${JSON.stringify(id)} in roster.shifts; the shifts are ${shiftIds.join(', ')}` }]
  roster.rotation?.days.forEach((day, d) => {
    const at = ['roster', 'rotation', 'days', d]
    for (const [shiftId, teamId] of Object.entries(day)) problems.push(...shift(shiftId, [...at, shiftId]), ...team(teamId, [...at, shiftId]))
    const unstaffed = shiftIds.filter((id) => !(id in day))
    if (unstaffed.length > 0) problems.push({ path: at, message: `names no team for ${unstaffed.join(', ')}: every shift of every day needs one` })
  })
  roster.assignments?.forEach((a, i) => problems.push(...shift(a.shift, ['roster', 'assignments', i, 'shift']), ...team(a.team, ['roster', 'assignments', i, 'team'])))

  for (const [username, contact] of Object.entries(roster.contacts ?? {})) {
    const at = ['roster', 'contacts', username]
    for (const field of ['mobile', 'dingtalk_mobile'] as const) {
      const value = contact[field]
      if (value !== undefined && !MOBILE.test(value.replace(/[\s-]/g, ''))) problems.push({ path: [...at, field], message: 'must be a phone number of 6 to 15 digits, + first for an international one' })
    }
    if (contact.email !== undefined && !EMAIL.test(contact.email)) problems.push({ path: [...at, 'email'], message: 'must be an address such as lead@example.com' })
  }
  return problems
}
