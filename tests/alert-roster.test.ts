// The roster: who is on duty at an instant (the shift by the center's local
// time, a night shift past midnight belonging to the day it began, the
// rotation's team unless an assignment says otherwise), the people a
// receiver addresses then, and GET /api/v1/shifts/current against the real
// app (officer and up). Fixed instants: nothing reads the real clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Roster } from '../schemas/alerting-config.ts'
import { onDuty } from '../server/alerting/roster/on-duty.ts'
import { RecipientResolver } from '../server/alerting/roster/recipients.ts'
import { openTestApp, type TestApp } from './server-harness.ts'
import { signedIn } from './support/access.ts'
import { HOUR, T0, TEST_ROSTER } from './support/pipeline-rig.ts'

const TZ = 'Asia/Shanghai'
/** Shanghai local time on a January 2026 date, as epoch ms (UTC+8, no daylight saving). */
const local = (day: number, hh: number, mm = 0) => Date.UTC(2026, 0, day, hh - 8, mm)

describe('on duty', () => {
  it('finds the shift by local time and the team by the rotation counted from its anchor', () => {
    expect(local(5, 10)).toBe(T0)
    expect(onDuty(TEST_ROSTER, TZ, local(5, 10))).toMatchObject({ shift: { id: 'day', date: '2026-01-05' }, team: 'a', lead: 'lead1', officers: ['off1', 'off2'], director: 'dir' })
    expect(onDuty(TEST_ROSTER, TZ, local(5, 21))).toMatchObject({ shift: { id: 'night', date: '2026-01-05' }, team: 'b', lead: 'lead2' })
    expect(onDuty(TEST_ROSTER, TZ, local(6, 10))).toMatchObject({ shift: { id: 'day', date: '2026-01-06' }, team: 'b', lead: 'lead2' })
    // Before the anchor the cycle runs backwards alike: 31 December is one day off it, as 2 January is.
    expect(onDuty(TEST_ROSTER, TZ, Date.UTC(2025, 11, 31, 2)).team).toBe('b')
    expect(onDuty(TEST_ROSTER, TZ, local(2, 10)).team).toBe('b')
  })

  it('gives the hours after midnight to the night shift that began the day before, with its real start and end', () => {
    const night = onDuty(TEST_ROSTER, TZ, local(6, 2))
    expect(night.shift).toEqual({
      id: 'night',
      name: '夜班',
      start: '20:00',
      end: '08:00',
      date: '2026-01-05',
      startsAt: local(5, 20),
      endsAt: local(6, 8),
    })
    expect(night.team).toBe('b')
    // The boundaries: 08:00 is the day shift's, 07:59 still the night's.
    expect(onDuty(TEST_ROSTER, TZ, local(6, 8)).shift?.id).toBe('day')
    expect(onDuty(TEST_ROSTER, TZ, local(6, 7, 59)).shift?.id).toBe('night')
  })

  it('lets an assignment (a swap, a holiday) override the rotation for its date and shift only', () => {
    const roster: Roster = { ...TEST_ROSTER, assignments: [{ date: '2026-01-06', shift: 'day', team: 'a' }] }
    expect(onDuty(roster, TZ, local(6, 10)).lead).toBe('lead1')
    expect(onDuty(roster, TZ, local(6, 21)).lead).toBe('lead1') // the rotation's night of the 6th is team a anyway
    expect(onDuty(roster, TZ, local(7, 10)).lead).toBe('lead1') // days[0] again
  })

  it('has nobody on duty without a roster, or between shifts, but still names the director', () => {
    expect(onDuty(null, TZ, T0)).toEqual({ shift: null, team: null, lead: null, officers: [], director: null })
    const gap: Roster = { ...TEST_ROSTER, shifts: [{ id: 'day', name: 'day', start: '08:00', end: '18:00' }] }
    expect(onDuty(gap, TZ, local(5, 19))).toEqual({ shift: null, team: null, lead: null, officers: [], director: 'dir' })
  })
})

let t: TestApp
let admin: Awaited<ReturnType<typeof signedIn>>

/** The roster as an administrator sets it through the API (null: removed). */
async function setRoster(roster: Roster | null): Promise<void> {
  const res = roster
    ? await t.app.inject({ method: 'PUT', url: '/api/v1/alerting/roster', headers: admin.headers, payload: roster })
    : await t.app.inject({ method: 'DELETE', url: '/api/v1/alerting/roster', headers: admin.headers })
  expect(res.statusCode, res.body).toBeLessThan(300)
}

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(T0) })
  admin = await signedIn(t.app, 'admin')
  await setRoster(TEST_ROSTER)
})
afterAll(async () => {
  await t?.close()
})

describe('recipients', () => {
  it("makes a receiver's list into people at the moment of sending: each once, with the roster's contacts and the users' display names", async () => {
    const resolver = new RecipientResolver({ store: t.store, roster: () => TEST_ROSTER, timeZone: TZ })
    const people = await resolver.resolve(['lead_on_duty', 'officers_on_duty', 'director', 'user:lead1', 'user:someone'], T0 + 12 * HOUR)
    // 22:00: the night shift, team b.
    expect(people).toEqual([
      { username: 'lead2', display_name: 'lead2', mobile: '13800000002', wecom_userid: 'LeadTwo' },
      { username: 'off3', display_name: 'off3' },
      { username: 'dir', display_name: 'dir', mobile: '13700000000', email: 'dir@example.cn' },
      { username: 'lead1', display_name: 'lead1', mobile: '13800000001', wecom_userid: 'LeadOne', dingtalk_mobile: '13800000001', email: 'lead1@example.cn' },
      { username: 'someone', display_name: 'someone' },
    ])
  })
})

describe('GET /api/v1/shifts/current', () => {
  it('tells an officer the shift on duty with its lead, officers and director, their names and contacts', async () => {
    const officer = await signedIn(t.app, 'officer', { username: 'off1' })
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/shifts/current', headers: officer.headers })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ shift: unknown; lead: unknown; officers: Array<{ username: string; display_name: string }> }>()
    expect(body).toMatchObject({
      at: new Date(T0).toISOString(),
      shift: { id: 'day', name: '白班', start: '08:00', end: '20:00', date: '2026-01-05', starts_at: '2026-01-05T00:00:00.000Z', ends_at: '2026-01-05T12:00:00.000Z' },
      team: 'a',
      lead: { username: 'lead1', display_name: 'lead1', mobile: '13800000001', wecom_userid: 'LeadOne' },
      director: { username: 'dir', mobile: '13700000000' },
    })
    // off1 has an account: its display name; off2 has none: the username.
    expect(body.officers.map((o) => [o.username, o.display_name])).toEqual([
      ['off1', expect.stringMatching(/^Test officer/) as unknown],
      ['off2', 'off2'],
    ])
  })

  it('refuses a viewer, and follows a roster edited through the API at once (a swap of teams for the day)', async () => {
    const viewer = await signedIn(t.app, 'viewer')
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shifts/current', headers: viewer.headers })).statusCode).toBe(403)
    const lead = await signedIn(t.app, 'lead')
    await setRoster({ ...TEST_ROSTER, assignments: [{ date: '2026-01-05', shift: 'day', team: 'b' }] })
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/shifts/current', headers: lead.headers })
    expect(res.json()).toMatchObject({ at: new Date(T0).toISOString(), shift: { id: 'day' }, team: 'b', lead: { username: 'lead2' }, officers: [{ username: 'off3' }] })
    await setRoster(TEST_ROSTER)
  })
})
