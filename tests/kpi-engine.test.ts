// The KPI engine on a hand-written fixture: every KPI id in every window is
// checked against arithmetic written out here, over events that went through
// the real ingest pipeline into a real embedded ClickHouse.
//
// The clock: `now` is 00:30 in Asia/Shanghai (UTC+8, no DST) on the next day
// to come, so that the 60-minute window reaches back to 23:30 of the previous
// day while "today" starts at 00:00. t(m) is now + m minutes. Minute buckets:
// 15m = 00:15–00:30, 60m = 23:30–00:30, today = 00:00–00:30; yesterday and
// last week are the same stretches 24 h and 7 days earlier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KPI_DEFINITIONS, KPI_IDS, WINDOWS, type KpiId, type WindowId } from '../schemas/kpis.ts'
import type { BreakdownCell, Snapshot } from '../schemas/snapshot.ts'
import { KpiEngine, NotASeriesKpiError, UnknownKpiError, UnknownRegionError, type ComputedSnapshot } from '../server/kpi/kpi-engine.ts'
import { loadKpiDefinitions } from '../server/kpi/kpi-config.ts'
import { periodOf } from '../server/kpi/kpi-periods.ts'
import { FIXTURE_TERRITORY, event, openFixtureStore, type FixtureEvent, type FixtureStore } from './support/kpi-fixture.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

// 00:30 Shanghai time on the next Shanghai date: 16:30 UTC of the day before it.
const shanghaiToday = new Date(Date.now() + 8 * HOUR)
const NOW = Date.UTC(shanghaiToday.getUTCFullYear(), shanghaiToday.getUTCMonth(), shanghaiToday.getUTCDate() + 1, 0, 30) - 8 * HOUR
const t = (minutes: number, seconds = 0) => NOW + minutes * MIN + seconds * 1000
const iso = (ms: number) => new Date(ms).toISOString()
const CUSTOMERS = 250_000 // N 200,000 + S 50,000

// Builders for the wire events the fixture uses.
const offered = (id: string, at: number, region: string, queue: string) => event('call.offered', at, region, { call_id: id, queue })
const answered = (id: string, offeredAt: number, region: string, queue: string, waitS: number) =>
  event('call.answered', offeredAt + waitS * 1000, region, { call_id: id, queue, agent_id: 'a1', wait_ms: waitS * 1000 })
const abandoned = (id: string, offeredAt: number, region: string, queue: string, waitS: number) =>
  event('call.abandoned', offeredAt + waitS * 1000, region, { call_id: id, queue, wait_ms: waitS * 1000 })
const ended = (id: string, at: number, region: string, talkS: number, holdS: number, wrapS: number, fcr: boolean) =>
  event('call.ended', at, region, {
    call_id: id, agent_id: 'a1', talk_ms: talkS * 1000, hold_ms: holdS * 1000, wrap_ms: wrapS * 1000,
    resolved_first_contact: fcr, disposition: 'fault_report',
  })
const survey = (id: string, at: number, region: string, rating: string) =>
  event('survey.result', at, region, { survey_id: id, ref_type: 'call', ref_id: id, rating })
const agent = (id: string, at: number, region: string, team: string, state: string) =>
  event('agent.state', at, region, { agent_id: id, team, state })
const outageStarted = (id: string, at: number, region: string, kind: string, customers: number, etr?: number) =>
  event('outage.started', at, region, {
    outage_id: id, kind, feeder: `F-${id}`, customers_affected: customers, ...(etr === undefined ? {} : { etr: iso(etr) }),
  })
const outageNotified = (id: string, at: number, region: string, customers: number) =>
  event('outage.notified', at, region, { outage_id: id, customers_notified: customers, channel: 'sms' })
const wo = (type: string, id: string, at: number, region: string, fields: Record<string, unknown> = {}) =>
  event(`workorder.${type}`, at, region, { workorder_id: id, ...fields })
const created = (id: string, at: number, region: string, category: string, areaClass: string) =>
  wo('created', id, at, region, { category, priority: 'normal', area_class: areaClass })

// Calls. c9 is late: its answer is stored first, its offer in a later batch.
const c1Offered = offered('c1', t(-10), 'N', 'fault')
const c4Abandoned = abandoned('c4', t(-8), 'S', 'consult', 40)
const c9Offered = offered('c9', t(-25), 'N', 'fault')
const s3 = survey('s3', t(-2), 'S', 'satisfied')
const w5Created = created('w5', t(-5), 'N', 'complaint', 'urban')
const calls: FixtureEvent[] = [
  c1Offered, answered('c1', t(-10), 'N', 'fault', 10), ended('c1', t(-5), 'N', 200, 20, 30, true),
  offered('c2', t(-10), 'N', 'fault'), answered('c2', t(-10), 'N', 'fault', 30), ended('c2', t(-4), 'N', 100, 0, 20, false),
  offered('c3', t(-8), 'N', 'consult'), abandoned('c3', t(-8), 'N', 'consult', 3), // short abandon
  offered('c4', t(-8), 'S', 'consult'), c4Abandoned, { ...c4Abandoned }, // sent twice in one batch
  event('call.ivr_completed', t(-7), 'N', { call_id: 'ivr1' }),
  offered('c5', t(-3), 'S', 'fault'), // still waiting: 180 s
  offered('c6', t(-1), 'N', 'consult'), // still waiting: 60 s
  offered('c7', t(-40), 'N', 'fault'), // never settled, but offered over 30 min ago: not in the queue
  offered('c8', t(-45), 'S', 'consult'), answered('c8', t(-45), 'S', 'consult', 5), ended('c8', t(-40), 'S', 60, 0, 0, true),
  answered('c9', t(-25), 'N', 'fault', 15),
  offered('c10', t(-20), 'N', 'fault'), abandoned('c10', t(-20), 'N', 'fault', 6),
  survey('s1', t(-20), 'N', 'very_satisfied'), survey('s2', t(-12), 'N', 'dissatisfied'), s3,
  // Yesterday and last week.
  offered('y1', t(-1445), 'N', 'fault'), answered('y1', t(-1445), 'N', 'fault', 25),
  offered('y2', t(-1446), 'N', 'fault'), abandoned('y2', t(-1446), 'N', 'fault', 10),
  offered('y3', t(-1468), 'N', 'consult'), answered('y3', t(-1468), 'N', 'consult', 5),
  offered('y4', t(-1490), 'S', 'fault'), answered('y4', t(-1490), 'S', 'fault', 8),
  offered('lw1', t(-7 * 1440 - 5), 'N', 'fault'), answered('lw1', t(-7 * 1440 - 5), 'N', 'fault', 5),
]

const agents: FixtureEvent[] = [
  agent('a1', t(-50), 'N', 'cc-a', 'available'), agent('a1', t(-10), 'N', 'cc-a', 'on_call'),
  agent('a1', t(-6), 'N', 'cc-a', 'wrap_up'), agent('a1', t(-5), 'N', 'cc-a', 'available'),
  agent('a2', t(-20), 'S', 'cc-b', 'on_call'), agent('a2', t(-12), 'S', 'cc-b', 'available'),
  agent('a3', t(-30), 'N', 'cc-b', 'available'), agent('a3', t(-20), 'N', 'cc-b', 'offline'),
  agent('a4', t(-8), 'S', 'cc-a', 'not_ready'),
]

// o3's restoration comes late, in the second batch.
const o3Restored = event('outage.restored', t(-8), 'N', { outage_id: 'o3' })
const outages: FixtureEvent[] = [
  outageNotified('o1', t(-20) - 8 * DAY, 'N', 1000), outageStarted('o1', t(-20), 'N', 'planned', 1000, t(60)),
  outageNotified('o2', t(-10) - 2 * HOUR, 'S', 300), outageStarted('o2', t(-10), 'S', 'temporary', 400, t(-2)),
  outageStarted('o3', t(-100), 'N', 'fault', 200),
  outageStarted('o4', t(-50), 'S', 'fault', 100), outageNotified('o4', t(-49), 'S', 150),
  outageNotified('o5', t(-1450) - 7 * DAY, 'N', 250), outageStarted('o5', t(-1450), 'N', 'planned', 500),
  event('outage.restored', t(-1442), 'N', { outage_id: 'o5' }),
]

// Default SLAs: fault repair arrives within 45 min (urban), 90 (rural), 120
// (remote); arrears reconnection resolved within 24 h; a complaint contacted
// within 2 h; a resolved order called back within 3 days.
const workorders: FixtureEvent[] = [
  created('w1', t(-40), 'N', 'fault_repair', 'urban'), wo('dispatched', 'w1', t(-39), 'N', { team: 'field' }),
  created('w2', t(-70), 'N', 'fault_repair', 'urban'), wo('arrived', 'w2', t(-20), 'N'), wo('resolved', 'w2', t(-10), 'N'),
  created('w3', t(-50), 'S', 'fault_repair', 'rural'), wo('arrived', 'w3', t(-12), 'S'),
  created('w4', t(-100), 'N', 'fault_repair', 'urban'), wo('escalated', 'w4', t(-7), 'N', { to_level: 'city' }),
  w5Created, wo('escalated', 'w5', t(-3), 'N', { to_level: 'provincial' }),
  created('w6', t(-25), 'S', 'complaint', 'rural'), wo('contacted', 'w6', t(-20), 'S'),
  created('w7', t(-130), 'N', 'complaint', 'urban'), wo('escalated', 'w7', t(-45), 'N', { to_level: 'provincial' }),
  created('w8', t(-23 * 60), 'S', 'arrears_reconnect', 'rural'),
  created('w9', t(-3 * 1440 - 60), 'N', 'consultation', 'urban'), wo('resolved', 'w9', t(-3 * 1440 - 10), 'N'),
  wo('callback', 'w9', t(-11), 'N'), wo('closed', 'w9', t(-9), 'N'),
  created('w10', t(-3 * 1440 - 60), 'S', 'business', 'rural'), wo('resolved', 'w10', t(-3 * 1440 - 5), 'S'),
  created('w11', t(-3 * 1440 - 90), 'N', 'consultation', 'urban'), wo('resolved', 'w11', t(-3 * 1440 - 40), 'N'),
  wo('callback', 'w11', t(-41), 'N'),
  created('w12', t(-35), 'N', 'fault_repair', 'urban'), wo('arrived', 'w12', t(-14), 'N'), wo('resolved', 'w12', t(-6), 'N'),
  wo('closed', 'w12', t(-2), 'N'),
  created('w13', t(-150), 'S', 'fault_repair', 'remote'), wo('arrived', 'w13', t(-33), 'S'),
  created('w14', t(-120), 'N', 'fault_repair', 'urban'), wo('arrived', 'w14', t(-90), 'N'), wo('resolved', 'w14', t(-40), 'N'),
  created('w15', t(-40), 'S', 'complaint', 'rural'), wo('contacted', 'w15', t(-38), 'S'),
  created('w16', t(-3 * 1440 - 100), 'N', 'consultation', 'urban'), wo('resolved', 'w16', t(-3 * 1440 + 300), 'N'),
  created('wy1', t(-1447), 'N', 'complaint', 'urban'), wo('contacted', 'wy1', t(-1446), 'N'),
]

// Supervision orders: each issue is a deadline, counted at its minute; the
// first reply of a round by the deadline is on time. sv6 was returned and
// issued again (two deadlines); sv4 replied twice (one counts); sv5's
// deadline is still to come (in no window yet).
const sv = (type: string, id: string, at: number, region: string, fields: Record<string, unknown> = {}) =>
  event(`supervision.${type}`, at, region, { supervision_id: id, ...fields })
const issued = (id: string, at: number, region: string, due: number) =>
  sv('issued', id, at, region, {
    target_type: 'workorder', target_id: `w-${id}`, team: 'field', reason: 'late', action: 'report back', due_at: iso(due), by: 'officer-1',
  })
const replied = (id: string, at: number, region: string) => sv('replied', id, at, region, { reply: 'done' })
const supervisions: FixtureEvent[] = [
  issued('sv1', t(-100), 'N', t(-20)), sv('received', 'sv1', t(-95), 'N'), replied('sv1', t(-25), 'N'),
  issued('sv2', t(-50), 'S', t(-5)), replied('sv2', t(-2), 'S'),
  issued('sv3', t(-40), 'N', t(-10)),
  issued('sv4', t(-30), 'N', t(-12)), replied('sv4', t(-20), 'N'), replied('sv4', t(-15), 'N'),
  issued('sv5', t(-20), 'N', t(40)), replied('sv5', t(-8), 'N'),
  issued('sv6', t(-90), 'S', t(-45)), replied('sv6', t(-60), 'S'),
  sv('closed', 'sv6', t(-58), 'S', { outcome: 'returned', by: 'officer-1' }), issued('sv6', t(-58), 'S', t(-3)), replied('sv6', t(-4), 'S'),
  issued('svy', t(-1440 - 60), 'N', t(-1440 - 5)), replied('svy', t(-1440 - 30), 'N'),
]

let store: FixtureStore
let engine: KpiEngine
let snap: ComputedSnapshot

beforeAll(async () => {
  store = await openFixtureStore(NOW)
  await store.ingest([...calls, ...agents, ...outages, ...workorders, ...supervisions])
  // Late events (counted at their own time) and replays of stored events (counted once).
  await store.ingest([c9Offered, o3Restored, { ...c1Offered }, { ...w5Created }, { ...s3 }])
  engine = new KpiEngine({ client: store.storage.client, territory: FIXTURE_TERRITORY, timeZone: 'Asia/Shanghai' })
  snap = await engine.compute(new Date(NOW))
})

afterAll(async () => {
  await store?.close()
})

type Expected = [value: number | null, yesterday?: number | null, lastWeek?: number | null]

function expectNumber(actual: number | null, expected: number | null, label: string) {
  if (expected === null) expect(actual, label).toBeNull()
  else {
    expect(actual, label).not.toBeNull()
    expect(actual!, label).toBeCloseTo(expected, 9)
  }
}

function expectWindow(s: ComputedSnapshot, window: WindowId, expected: Record<KpiId, Expected>) {
  for (const id of KPI_IDS) {
    const [value, yesterday = null, lastWeek = null] = expected[id]
    const cell = s.windows[window][id]
    expectNumber(cell.value, value, `${window} ${id} value`)
    expectNumber(cell.yesterday, yesterday, `${window} ${id} yesterday`)
    expectNumber(cell.last_week, lastWeek, `${window} ${id} last_week`)
  }
}

// "Now" KPIs: the same in every window, no comparisons.
const NOW_KPIS = {
  queue_now: [2], // c5 and c6
  longest_wait_now_seconds: [180], // c5, offered 3 min ago
  agents_by_state: [3], // a1, a2 available, a4 not ready (a3 offline)
  outages_active: [3], // o1, o2, o4
  customers_affected_now: [1000 + 400 + 100],
  etr_overrun_now: [1], // o2
  workorders_open_now: [15], // 17 orders, w9 and w12 closed
  workorders_overdue_now: [3], // w4 arrival, w7 contact, w10 callback
  workorders_at_risk_now: [3], // w1 arrival, w8 resolution, w16 callback
} satisfies Partial<Record<KpiId, Expected>>

describe('KPI engine on the fixture', () => {
  it('computes every KPI of the 15-minute window, with yesterday and last week', () => {
    expectWindow(snap, '15m', {
      ...NOW_KPIS,
      calls_offered: [6, 2, 1], // c1–c6; y1, y2; lw1
      ivr_self_service_rate: [1 / (1 + 6), 0 / (0 + 2), 0 / (0 + 1)],
      calls_answered: [2, 1, 1],
      // Calls count when they leave the queue: c1, c2 answered, c3, c4 abandoned
      // (c3 after 3 s: a short abandon, neither abandonment nor a missed answer).
      abandonment_rate: [(2 - 1) / (2 + 2 - 1), 1 / 2, 0 / 1],
      service_level: [1 / (2 + 2 - 1), 0 / 2, 1 / 1],
      asa_seconds: [(10 + 30) / 2, 25, 5],
      aht_seconds: [(200 + 20 + 30 + 100 + 0 + 20) / 2], // zero ended calls yesterday: null
      // a1: 5 min available of its 23:40–00:20 stretch, 4 on call, 1 wrap-up, 5 available (open);
      // a2: 3 min on call, then 12 available (open).
      occupancy: [(4 + 1 + 3) / (4 + 1 + 3 + 5 + 5 + 12)],
      fcr_rate: [1 / 2],
      satisfaction_rate: [1 / 2, null, null],
      notification_coverage: [300 / 400, 250 / 500], // o2; yesterday o5
      timely_notification_rate: [0 / 1, 1 / 1], // o2 announced 2 h ahead (needs 24 h); o5 exactly 7 days ahead
      mttr_minutes: [92, 8], // o3 restored; o5 yesterday
      on_time_arrival_rate: [2 / 2], // w3, w12
      avg_repair_minutes: [(60 + 29) / 2], // w2, w12
      // Work orders stored begin 3 days ago: last week has no data (null), not 0.
      complaint_rate_permille: [(1 / CUSTOMERS) * 1000, (1 / CUSTOMERS) * 1000, null], // w5; wy1
      escalated_per_million: [(1 / CUSTOMERS) * 1e6, 0, null], // w5 (w4's escalation is a fault repair)
      callback_timeliness: [1 / 2], // w9 on time, w10 not
      // Deadlines sv4 (on time), sv3 (no reply), sv2 (late), sv6's second (on time); yesterday svy.
      // Supervision history begins yesterday: last week has no data.
      supervision_timeliness: [2 / 4, 1, null],
    })
  })

  it('counts the 60-minute window across local midnight', () => {
    expectWindow(snap, '60m', {
      ...NOW_KPIS,
      calls_offered: [10, 4, 1], // + c7, c8 (before midnight), c9, c10
      ivr_self_service_rate: [1 / 11, 0, 0],
      calls_answered: [4, 3, 1],
      // Left the queue: c1, c2, c8, c9 answered (c1, c8, c9 within 20 s), c3 (short), c4, c10 abandoned.
      abandonment_rate: [2 / (4 + 3 - 1), 1 / 4, 0],
      service_level: [3 / (4 + 3 - 1), 2 / 4, 1],
      asa_seconds: [(10 + 30 + 5 + 15) / 4, (25 + 5 + 8) / 3, 5],
      aht_seconds: [(250 + 120 + 60) / 3],
      occupancy: [(5 + 8) / (5 + 8 + 45 + 12 + 10)], // a1 40 + 5 available, a3 10 available
      fcr_rate: [2 / 3],
      satisfaction_rate: [2 / 3],
      notification_coverage: [(1000 + 300 + 100) / (1000 + 400 + 100), 0.5], // o4 notified 150 of 100: capped
      timely_notification_rate: [1 / 2, 1], // o1 announced 8 days ahead; o4 is a fault (no notice rule)
      mttr_minutes: [92, 8],
      on_time_arrival_rate: [3 / 4], // w2 late, w3, w12, w13 on time
      avg_repair_minutes: [(60 + 29 + 80) / 3], // + w14
      complaint_rate_permille: [(3 / CUSTOMERS) * 1000, (1 / CUSTOMERS) * 1000, null], // w5, w6, w15
      escalated_per_million: [(2 / CUSTOMERS) * 1e6, 0, null], // w5, w7
      callback_timeliness: [2 / 3], // + w11
      supervision_timeliness: [4 / 6, 1, null], // + sv1, sv6's first round (23:45)
    })
  })

  it('starts today at local midnight: events of 23:30–00:00 are not counted', () => {
    expectWindow(snap, 'today', {
      ...NOW_KPIS,
      calls_offered: [8, 3, 1],
      ivr_self_service_rate: [1 / 9, 0, 0],
      calls_answered: [3, 2, 1],
      // Left the queue since midnight: c1, c2, c9 answered, c3 (short), c4, c10 abandoned.
      abandonment_rate: [2 / (3 + 3 - 1), 1 / 3, 0],
      service_level: [2 / (3 + 3 - 1), 1 / 3, 1],
      asa_seconds: [(10 + 30 + 15) / 3, (25 + 5) / 2, 5],
      aht_seconds: [370 / 2],
      occupancy: [(5 + 8) / (5 + 8 + 25 + 12 + 10)],
      fcr_rate: [1 / 2],
      satisfaction_rate: [2 / 3],
      notification_coverage: [(1000 + 300) / (1000 + 400), 0.5],
      timely_notification_rate: [1 / 2, 1],
      mttr_minutes: [92, 8],
      on_time_arrival_rate: [2 / 3],
      avg_repair_minutes: [(60 + 29) / 2],
      complaint_rate_permille: [(2 / CUSTOMERS) * 1000, (1 / CUSTOMERS) * 1000, null],
      escalated_per_million: [(1 / CUSTOMERS) * 1e6, 0, null],
      callback_timeliness: [1 / 2],
      supervision_timeliness: [3 / 5, 1, null], // sv1, sv2, sv3, sv4, sv6's second round
    })
  })

  it('has every KPI in every window, and no NaN or infinity anywhere', () => {
    for (const w of WINDOWS) expect(Object.keys(snap.windows[w]).sort()).toEqual([...KPI_IDS].sort())
    const numbers: number[] = []
    JSON.stringify(snap, (_, v: unknown) => (typeof v === 'number' && numbers.push(v), v))
    expect(numbers.every(Number.isFinite)).toBe(true)
    expect(snap.computed_at).toBe(iso(NOW))
    expect(snap.watermark).toBe(iso(t(-1))) // c6, the newest event
    expect(snap.region).toBeNull()
  })

  it('scales monthly targets to the window and judges status against thresholds', () => {
    const month = 30 * DAY
    expect(snap.windows['15m'].complaint_rate_permille.target).toBeCloseTo((1.5 * 15 * MIN) / month, 12)
    expect(snap.windows.today.complaint_rate_permille.target).toBeCloseTo((1.5 * 30 * MIN) / month, 12)
    expect(snap.windows['60m'].escalated_per_million.target).toBeCloseTo((8 * 60 * MIN) / month, 12)
    // 0.004‰ in 15 minutes is far above 2‰ a month scaled to 15 minutes.
    expect(snap.windows['15m'].complaint_rate_permille.status).toBe('red')
    expect(snap.windows['15m'].abandonment_rate).toMatchObject({ target: 0.05, status: 'red' })
    expect(snap.windows['15m'].asa_seconds.status).toBe('green') // exactly 20 s, the amber limit
    expect(snap.windows['15m'].longest_wait_now_seconds.status).toBe('amber')
    expect(snap.windows['15m'].occupancy.status).toBe('red')
    expect(snap.windows['15m'].etr_overrun_now).toMatchObject({ target: 0, status: 'amber' })
    expect(snap.windows['15m'].calls_offered).toMatchObject({ target: null, status: 'none' })
    expect(snap.windows['15m'].fcr_rate.yesterday).toBeNull()
  })

  it('breaks windowed and now KPIs down by region, queue, team, category and outage kind', () => {
    const b = snap.breakdowns['15m']
    expect(Object.keys(b.region)).toEqual(['N', 'S'])
    const values = (row: Partial<Record<KpiId, BreakdownCell>> | undefined) =>
      Object.fromEntries(Object.entries(row ?? {}).map(([id, cell]) => [id, cell.value]))
    const region = { N: values(b.region.N), S: values(b.region.S) }
    expect(region.N).toMatchObject({ calls_offered: 4, calls_answered: 2, queue_now: 1, workorders_open_now: 9 })
    expect(region.N.service_level).toBeCloseTo(1 / 2, 9) // c1 within 20 s of c1, c2 and c3 (short)
    expect(region.N.complaint_rate_permille).toBeCloseTo((1 / 200_000) * 1000, 12)
    expect(region.S).toMatchObject({ calls_offered: 2, queue_now: 1, outages_active: 2, customers_affected_now: 500, etr_overrun_now: 1 })
    expect(region.S.complaint_rate_permille).toBe(0)
    expect(region.S.satisfaction_rate).toBe(1) // s3
    expect(region.S.callback_timeliness).toBe(0) // w10
    expect(region.N.supervision_timeliness).toBe(1 / 2) // sv4 of sv3, sv4
    expect(region.S.supervision_timeliness).toBe(1 / 2) // sv6 of sv2, sv6
    expect(values(b.queue.fault)).toMatchObject({ calls_offered: 3, abandonment_rate: 0, queue_now: 1, longest_wait_now_seconds: 180 })
    // consult: c3 abandoned short, c4 abandoned long, none answered.
    expect(values(b.queue.consult)).toMatchObject({ calls_offered: 3, service_level: 0, abandonment_rate: 1, queue_now: 1, longest_wait_now_seconds: 60 })
    expect(Object.keys(b.queue)).toEqual(['fault', 'consult']) // IVR completions, call ends and surveys have no queue
    expect(values(b.team['cc-a'])).toMatchObject({ agents_by_state: 2 })
    expect(b.team['cc-a'].occupancy?.value).toBeCloseTo(5 / 15, 9)
    expect(values(b.team['cc-b'])).toMatchObject({ agents_by_state: 1, occupancy: 3 / 15 })
    // By the region of the agents' own events: a1 in N, a2 in S.
    expect(region.N.occupancy).toBeCloseTo(5 / 15, 9)
    expect(region.S.occupancy).toBeCloseTo(3 / 15, 9)
    const category = Object.fromEntries(Object.entries(b.category).map(([c, row]) => [c, values(row)]))
    expect(category).toMatchObject({
      fault_repair: { workorders_open_now: 6, workorders_overdue_now: 1, workorders_at_risk_now: 1 },
      complaint: { workorders_open_now: 5, workorders_overdue_now: 1, workorders_at_risk_now: 0 },
      arrears_reconnect: { workorders_open_now: 1, workorders_overdue_now: 0, workorders_at_risk_now: 1 },
      business: { workorders_open_now: 1, workorders_overdue_now: 1, workorders_at_risk_now: 0 },
      consultation: { workorders_open_now: 2, workorders_overdue_now: 0, workorders_at_risk_now: 1 },
      feedback: { workorders_open_now: 0, workorders_overdue_now: 0, workorders_at_risk_now: 0 },
    })
    const kinds = snap.breakdowns['60m'].outage_kind
    expect(values(kinds.planned)).toMatchObject({ outages_active: 1, notification_coverage: 1, timely_notification_rate: 1 })
    expect(values(kinds.temporary)).toMatchObject({ etr_overrun_now: 1, notification_coverage: 0.75, timely_notification_rate: 0 })
    expect(values(kinds.fault)).toMatchObject({ outages_active: 1, notification_coverage: 1, timely_notification_rate: null, mttr_minutes: 92 })
    expect(values(kinds.load_shedding)).toMatchObject({ outages_active: 0, notification_coverage: null, mttr_minutes: null })
  })

  it('judges every breakdown cell on the server, as the windows are judged', () => {
    const b = snap.breakdowns['15m']
    // N's service level 1/2 is below the red limit of 70 %; fault's abandonment 0 is green; counts have no status.
    // Rates carry the calls they are taken over (alert rules' min_volume); counts carry none.
    expect(b.region.N.service_level).toEqual({ value: 0.5, volume: 2, status: 'red' })
    expect(b.queue.fault.abandonment_rate).toEqual({ value: 0, volume: 2, status: 'green' })
    expect(b.region.N.calls_offered).toEqual({ value: 4, status: 'none' })
    // Monthly targets are scaled to the window for cells too: one complaint of N's 200,000 customers in 15 minutes is red.
    expect(b.region.N.complaint_rate_permille?.status).toBe('red')
    expect(b.region.S.complaint_rate_permille).toEqual({ value: 0, status: 'green' })
    // The targets screens draw, after overrides.
    expect(snap.targets.service_level).toEqual({ target: 0.8, target_period: null, thresholds: { good: 'higher', amber: 0.8, red: 0.7 } })
    expect(snap.targets.complaint_rate_permille).toMatchObject({ target: 1.5, target_period: 'month' })
  })

  it('describes the current state: queue, agents, outages and the most urgent work orders', () => {
    const c = snap.current
    expect(c.queue).toEqual({
      waiting: 2,
      longest_wait_seconds: 180,
      by_queue: { fault: { waiting: 1, longest_wait_seconds: 180 }, consult: { waiting: 1, longest_wait_seconds: 60 } },
    })
    expect(c.agents_by_state).toEqual({ offline: 1, available: 2, on_call: 0, wrap_up: 0, not_ready: 1 })
    expect(c.outages.map((o) => [o.outage_id, o.customers_affected, o.etr_overrun])).toEqual([
      ['o1', 1000, false],
      ['o2', 400, true],
      ['o4', 100, false],
    ])
    expect(c.outages[0]).toMatchObject({ region: 'N', kind: 'planned', started_at: iso(t(-20)), etr: iso(t(60)) })
    expect(c.workorders.overdue.map((w) => [w.workorder_id, w.milestone, w.due_at, w.overdue])).toEqual([
      ['w4', 'arrived', iso(t(-100 + 45)), true],
      ['w7', 'contacted', iso(t(-130 + 120)), true],
      ['w10', 'callback', iso(t(-3 * 1440 - 5 + 3 * 1440)), true],
    ])
    expect(c.workorders.at_risk.map((w) => [w.workorder_id, w.milestone, w.due_at, w.overdue])).toEqual([
      ['w1', 'arrived', iso(t(-40 + 45)), false], // 5 of 45 min left
      ['w8', 'resolved', iso(t(-23 * 60 + 24 * 60)), false], // 1 h of 24 h left
      ['w16', 'callback', iso(t(300)), false], // 5 h of 3 days left
    ])
    expect(c.workorders.at_risk[0]).toMatchObject({ region: 'N', category: 'fault_repair', status: 'dispatched', team: 'field' })
    expect(c.workorders.open_by_category_status).toEqual({
      fault_repair: { dispatched: 1, resolved: 2, in_progress: 2, created: 1 },
      complaint: { created: 2, in_progress: 3 },
      arrears_reconnect: { created: 1 },
      business: { resolved: 1 },
      consultation: { resolved: 2 },
    })
  })

  it('narrows every figure to one region', async () => {
    const n = await engine.compute(new Date(NOW), 'N')
    expect(n.region).toBe('N')
    const w = n.windows['15m']
    expect(w.calls_offered.value).toBe(4) // c1, c2, c3, c6
    expect(w.abandonment_rate.value).toBe(0) // c1, c2 answered, c3 a short abandon
    expect(w.service_level.value).toBeCloseTo(1 / 2, 9)
    expect(w.ivr_self_service_rate.value).toBeCloseTo(1 / 5, 9)
    expect(w.satisfaction_rate.value).toBe(0) // s2
    expect(w.queue_now.value).toBe(1)
    expect(w.longest_wait_now_seconds.value).toBe(60)
    expect(w.outages_active.value).toBe(1)
    expect(w.notification_coverage.value).toBeNull() // no outage of N started in the window
    expect(w.mttr_minutes.value).toBe(92)
    expect(w.workorders_open_now.value).toBe(9)
    expect(w.workorders_overdue_now.value).toBe(2)
    expect(w.workorders_at_risk_now.value).toBe(2)
    expect(w.complaint_rate_permille.value).toBeCloseTo((1 / 200_000) * 1000, 12) // the region's customers
    expect(w.escalated_per_million.value).toBeCloseTo((1 / 200_000) * 1e6, 9)
    expect(w.callback_timeliness.value).toBe(1) // w9
    expect(w.calls_offered.yesterday).toBe(2) // y1, y2 are N
    expect(w.agents_by_state.value).toBe(1) // a1 (a3 is offline)
    // a1 only (a2 is in S; a3's available stretch ended before the window):
    // 4 min on call, 1 wrap-up, 5 available before, 5 available (open) after.
    expect(w.occupancy.value).toBeCloseTo((4 + 1) / (4 + 1 + 5 + 5), 9)
    expect(Object.keys(n.breakdowns.today.region)).toEqual(['N'])
    expect(n.current.outages.map((o) => o.outage_id)).toEqual(['o1'])
    expect(n.current.agents_by_state).toMatchObject({ available: 1, offline: 1 })
    expect(n.current.workorders.overdue.map((o) => o.workorder_id)).toEqual(['w4', 'w7'])
  })

  it('refuses an unknown region', async () => {
    await expect(engine.compute(new Date(NOW), 'XX')).rejects.toBeInstanceOf(UnknownRegionError)
    await expect(engine.series('calls_offered', { window: 'today', step: '5m', region: 'XX', now: new Date(NOW) })).rejects.toThrow(
      /unknown region "XX"/,
    )
  })
})

describe('trend series', () => {
  const at = (minutesAfterMidnight: number) => iso(t(-30 + minutesAfterMidnight))

  it('gives per-step counts for today, yesterday and last week on the today axis', async () => {
    const s = await engine.series('calls_offered', { window: 'today', step: '5m', now: new Date(NOW) })
    expect(s).toMatchObject({ id: 'calls_offered', window: 'today', step: '5m', unit: 'count' })
    // Stored calls begin with lw1 at 00:25 last week: the steps of last week before it have no data (null), not 0.
    expect(s.points).toEqual([
      { at: at(0), today: 0, yesterday: 1, last_week: null }, // y3 at 00:02
      { at: at(5), today: 1, yesterday: 0, last_week: null }, // c9
      { at: at(10), today: 1, yesterday: 0, last_week: null }, // c10
      { at: at(15), today: 0, yesterday: 0, last_week: null },
      { at: at(20), today: 4, yesterday: 1, last_week: null }, // c1–c4; y2
      { at: at(25), today: 2, yesterday: 1, last_week: 1 }, // c5, c6; y1; lw1
    ])
  })

  it('computes ratios per step with the snapshot formulas, null where nothing happened', async () => {
    const s = await engine.series('abandonment_rate', { window: 'today', step: '15m', now: new Date(NOW) })
    expect(s.points).toEqual([
      { at: at(0), today: 1 / 2, yesterday: 0, last_week: null }, // c10 of c9, c10 leaving the queue; y3 answered
      { at: at(15), today: 1 / 3, yesterday: 1 / 2, last_week: 0 }, // c4 of c1, c2, c4 (c3 short)
    ])
    const occupancy = await engine.series('occupancy', { window: '15m', step: '5m', now: new Date(NOW) })
    expect(occupancy.points.map((p) => p.today)).toEqual([3 / 10, 5 / 10, 0 / 10])
    expect(occupancy.points.map((p) => p.yesterday)).toEqual([null, null, null])
    const mttr = await engine.series('mttr_minutes', { window: 'today', step: '15m', now: new Date(NOW) })
    expect(mttr.points.map((p) => p.today)).toEqual([null, 92])
  })

  it('narrows series to a region', async () => {
    const s = await engine.series('calls_offered', { window: '15m', step: '15m', region: 'S', now: new Date(NOW) })
    expect(s.points).toEqual([{ at: iso(t(-15)), today: 2, yesterday: 0, last_week: 0 }]) // c4, c5
  })

  it('agrees with the snapshot for every windowed KPI, in total and narrowed to each region', async () => {
    // One 15-minute step of the 15-minute window is the window itself: the
    // series of each KPI, narrowed or not, must say what the snapshot says.
    const windowed = KPI_IDS.filter((id) => KPI_DEFINITIONS[id].kind === 'windowed')
    for (const region of [null, 'N', 'S']) {
      const figures = region === null ? snap : await engine.compute(new Date(NOW), region)
      for (const id of windowed) {
        const s = await engine.series(id, { window: '15m', step: '15m', region, now: new Date(NOW) })
        const cell = figures.windows['15m'][id]
        expect(s.points, `${id} ${region ?? 'total'}`).toHaveLength(1)
        const [point] = s.points
        for (const [got, want] of [[point.today, cell.value], [point.yesterday, cell.yesterday], [point.last_week, cell.last_week]] as const) {
          if (want === null) expect(got, `${id} ${region ?? 'total'}`).toBeNull()
          else expect(got, `${id} ${region ?? 'total'}`).toBeCloseTo(want, 9)
        }
      }
    }
    // Occupancy narrowed to a region is a figure, not nulls.
    const occupancyN = await engine.series('occupancy', { window: '15m', step: '5m', region: 'N', now: new Date(NOW) })
    expect(occupancyN.points.every((p) => p.today !== null)).toBe(true)
  })

  it('refuses a series of a "now" KPI, an unknown KPI or step, with a reason', async () => {
    await expect(engine.series('queue_now', { window: 'today', step: '1m', now: new Date(NOW) })).rejects.toBeInstanceOf(
      NotASeriesKpiError,
    )
    const unknownKpi = 'calls_lost' as KpiId
    await expect(engine.series(unknownKpi, { window: 'today', step: '1m', now: new Date(NOW) })).rejects.toBeInstanceOf(UnknownKpiError)
    const badStep = '2m' as '1m'
    await expect(engine.series('calls_offered', { window: 'today', step: badStep, now: new Date(NOW) })).rejects.toThrow(/unknown step "2m"/)
  })
})

describe('windows in the center time zone', () => {
  it('starts today at local midnight and compares with the same clock time on DST change days', () => {
    const ny = 'America/New_York'
    // 2026-03-08 springs forward (a 23-hour day); now is 2026-03-09 10:00 EDT.
    const march = Date.parse('2026-03-09T14:00:00Z')
    expect(periodOf('today', 'current', march, ny)).toMatchObject({ lo: Date.parse('2026-03-09T04:00:00Z'), hi: march })
    expect(periodOf('today', 'yesterday', march, ny)).toMatchObject({
      lo: Date.parse('2026-03-08T05:00:00Z'), // midnight EST
      hi: Date.parse('2026-03-08T14:00:00Z'), // 10:00 EDT
    })
    expect(periodOf('today', 'last_week', march, ny)).toMatchObject({
      lo: Date.parse('2026-03-02T05:00:00Z'),
      hi: Date.parse('2026-03-02T15:00:00Z'), // 10:00 EST
    })
    // 2026-11-01 falls back (a 25-hour day); now is 2026-11-02 09:00 EST.
    const november = Date.parse('2026-11-02T14:00:00Z')
    expect(periodOf('today', 'yesterday', november, ny)).toMatchObject({
      lo: Date.parse('2026-11-01T04:00:00Z'), // midnight EDT
      hi: Date.parse('2026-11-01T14:00:00Z'), // 09:00 EST
    })
    // Rolling windows move by whole days, the start rounded up to a minute bucket.
    expect(periodOf('60m', 'yesterday', november + 30_000, ny)).toMatchObject({
      lo: november - DAY - 59 * MIN,
      hi: november + 30_000 - DAY,
    })
    expect(periodOf('today', 'current', NOW, 'Asia/Shanghai').lo).toBe(NOW - 30 * MIN)
  })
})

describe('KPI configuration file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-kpi-config-'))
  const file = (name: string, value: unknown) => {
    const path = join(dir, name)
    writeFileSync(path, JSON.stringify(value))
    return path
  }

  it('merges a center’s targets and thresholds over the defaults', () => {
    const defs = loadKpiDefinitions(
      file('ok.json', { abandonment_rate: { target: 0.03, thresholds: { good: 'lower', amber: 0.03, red: 0.06 } } }),
    )
    expect(defs.abandonment_rate).toMatchObject({ target: 0.03, thresholds: { good: 'lower', amber: 0.03, red: 0.06 }, unit: 'ratio' })
    expect(defs.service_level).toEqual(KPI_DEFINITIONS.service_level)
    expect(loadKpiDefinitions(undefined)).toBe(KPI_DEFINITIONS)
  })

  it('names the problem in a bad file', () => {
    expect(() => loadKpiDefinitions(file('unknown.json', { abandon_rate: { target: 0.1 } }))).toThrow(/unknown KPI id "abandon_rate"/)
    expect(() =>
      loadKpiDefinitions(file('order.json', { service_level: { thresholds: { good: 'higher', amber: 0.7, red: 0.8 } } })),
    ).toThrow(/service_level: thresholds: red \(0.8\) must not be above amber \(0.7\)/)
    expect(() => loadKpiDefinitions(file('shape.json', { occupancy: { thresholds: { good: 'range', amber: 0.8 } } }))).toThrow(
      /occupancy: thresholds:/,
    )
    expect(() => loadKpiDefinitions(file('field.json', { fcr_rate: { goal: 1 } }))).toThrow(/fcr_rate: unknown field "goal"/)
    expect(() => loadKpiDefinitions(join(dir, 'missing.json'))).toThrow(/KPI_CONFIG_FILE .*missing.json/)
  })

  it('engine uses the overrides for status', async () => {
    const lenient = loadKpiDefinitions(
      file('lenient.json', { abandonment_rate: { thresholds: { good: 'lower', amber: 0.4, red: 0.5 } } }),
    )
    const custom = new KpiEngine({ client: store.storage.client, territory: FIXTURE_TERRITORY, timeZone: 'Asia/Shanghai', definitions: lenient })
    const s = await custom.compute(new Date(NOW))
    expect(s.windows['15m'].abandonment_rate.status).toBe('green') // 1/3 under the center's 40 %
    expect(s.breakdowns['15m'].queue.consult.abandonment_rate?.status).toBe('red') // 1 above its 50 %
    expect(s.targets.abandonment_rate.thresholds).toEqual({ good: 'lower', amber: 0.4, red: 0.5 })
  })
})

describe('later in the day', () => {
  it('keeps counting today from the settled part of the day once the live hour has moved on', async () => {
    const later = await engine.compute(new Date(NOW + 2 * HOUR)) // 02:30
    expect(later.windows.today.calls_offered.value).toBe(8)
    expect(later.windows.today.abandonment_rate.value).toBeCloseTo(2 / 5, 9)
    expect(later.windows.today.occupancy.value).toBeGreaterThan(0)
    expect(later.windows['60m'].calls_offered.value).toBe(0)
    expect(later.windows['60m'].service_level.value).toBeNull()
    expect(later.windows.today.queue_now.value).toBe(0) // c5 and c6 were offered over 30 min ago
  })
})

describe('late events for yesterday', () => {
  it('show in the comparison within a minute', async () => {
    await store.ingest([offered('y5', t(-1440 - 25), 'S', 'fault')]) // 00:05 yesterday, arriving a day late
    const later: Snapshot['windows'] = (await engine.compute(new Date(NOW + MIN))).windows
    expect(later.today.calls_offered.yesterday).toBe(4) // y1, y2, y3 and y5
  })
})
