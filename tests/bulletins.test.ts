// A daily bulletin over a fixed fixture, against figures worked out by hand:
// one local day D (two days before today in the center's zone, at fixed
// local hours) with calls in two regions, three outages (one started the
// day before and restored on D, one still off at D's end), three supervision
// orders on D and one the day before (replies in time and late), and alerts
// whose transitions straddle D's edges. The figures must also equal what
// the desk's lists count for the same period, and the PDF and XLSX must
// parse back. Real engines (chDB, PGlite) and the app; the app's clock is
// set by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFParse } from 'pdf-parse'
import readXlsxFile from 'read-excel-file/node'
import type { Bulletin, BulletinSummary } from '../schemas/bulletins.ts'
import { transitionCopy } from '../server/alerting/engine/transition-copy.ts'
import { openTestApp, territory, testConfig, type TestApp } from './server-harness.ts'
import { signedIn, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'

const MIN = 60_000
const HOUR = 60 * MIN
/** Local midnight starting D, and an instant at a local time of D (negative hours: the day before). */
const D = shanghaiTime(0, 0, 2)
const at = (h: number, m = 0) => D + h * HOUR + m * MIN
const DAY = new Date(D + 8 * HOUR).toISOString().slice(0, 10)
const R1 = 'D01'
const R2 = 'D02'

let t: TestApp
let clock = at(-15)
let lead: PersonCaller
let officer: PersonCaller
let viewer: PersonCaller
let bulletin: Bulletin

const event = (type: string, time: number, region: string, fields: object) => ({
  event_id: randomUUID(), type, occurred_at: new Date(time).toISOString(), source: 'test', region, schema_version: 1, ...fields,
})

async function stored(events: object[]): Promise<void> {
  const submission = await t.pipeline.submit(events.map((input) => ({ input, source: 'test' })))
  expect(submission.results.filter((r) => !r.ok)).toEqual([])
  await t.pipeline.flush()
  await submission.durable
}

function calls(region: string, queue: string, start: number, answeredWaits: number[], abandonedWaits: number[]): object[] {
  const out: object[] = []
  ;[...answeredWaits.map((w) => ['call.answered', w] as const), ...abandonedWaits.map((w) => ['call.abandoned', w] as const)].forEach(([type, wait], i) => {
    const call_id = `C-${region}-${i}`
    const offered = start + i * MIN
    out.push(event('call.offered', offered, region, { call_id, queue }))
    out.push(event(type, offered + wait * 1000, region, type === 'call.answered' ? { call_id, queue, agent_id: 'A1', wait_ms: wait * 1000 } : { call_id, queue, wait_ms: wait * 1000 }))
  })
  return out
}

async function issue(time: number, target: string, due: number): Promise<string> {
  clock = time
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/supervisions', headers: officer.headers, payload: { target_type: 'workorder', target_id: target, reason: 'r', action: 'a', due_in_minutes: due } })
  expect(res.statusCode).toBe(201)
  await t.pipeline.flush()
  return res.json<{ id: string }>().id
}

/** An alert of `rule` in `region` ('' = the whole territory) with its history, as the engine writes them. */
async function alert(rule: string, region: string, state: string, history: Array<[string, number]>): Promise<void> {
  const id = randomUUID()
  const labels = { rule, severity: 'critical', ...(region ? { region } : {}) }
  const ack = history.find(([k]) => k === 'acknowledged')
  await t.store.query(
    `INSERT INTO alerts (id, fingerprint, rule_id, rule_name, rule_kind, severity, scope_key, labels, state, summary, started_at, fired_at, acknowledged_by, acknowledged_at, updated_at)
     VALUES ($1, $2, $3, $3, 'kpi', 'critical', $4, $5, $6, 's', $7, $8, $9, $10, $7)`,
    [id, `${rule}:${region}:${id}`, rule, region, labels, state, new Date(history[0][1]), new Date(history.find(([k]) => k === 'firing' || k === 'reopened')?.[1] ?? history[0][1]), ack ? 'officer.x' : null, ack ? new Date(ack[1]) : null],
  )
  for (const [kind, time] of history) await t.store.query(`INSERT INTO alert_history (alert_id, at, kind, actor) VALUES ($1, $2, $3, 'engine')`, [id, new Date(time), kind])
}

beforeAll(async () => {
  // No rules: the alerts are the fixture's, none of the engine's own. Sessions long enough for the story.
  const file = join(mkdtempSync(join(tmpdir(), 'cc-bulletins-')), 'alerting.json')
  writeFileSync(file, JSON.stringify({ rules: [] }))
  t = await openTestApp({ now: () => new Date(clock), config: testConfig({ ALERTING_FILE: file, SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' }) })
  officer = await signedIn(t.app, 'officer')
  await stored([
    // R1: 9 answered (8 within 20 s), 2 abandoned after 10 s, 1 abandoned within 5 s (not a loss). R2: 4 answered at once.
    ...calls(R1, 'fault', at(9), [10, 10, 10, 10, 10, 10, 10, 10, 30], [10, 10, 3]),
    ...calls(R2, 'consult', at(10), [5, 5, 5, 5], []),
    // O3 started the day before and restored on D; O1 restored on D; O2 planned, announced 8 days ahead, still off at D's end.
    event('outage.started', at(-1), R1, { outage_id: 'O3', kind: 'fault', feeder: 'F3', customers_affected: 30 }),
    event('outage.restored', at(1), R1, { outage_id: 'O3' }),
    event('outage.started', at(10), R1, { outage_id: 'O1', kind: 'fault', feeder: 'F1', customers_affected: 100, key_customers_affected: 1 }),
    event('outage.restored', at(11, 30), R1, { outage_id: 'O1' }),
    event('outage.notified', at(22) - 8 * 24 * HOUR, R2, { outage_id: 'O2', customers_notified: 50, channel: 'sms' }),
    event('outage.started', at(22), R2, { outage_id: 'O2', kind: 'planned', feeder: 'F2', customers_affected: 50 }),
    // The work orders supervised.
    event('workorder.created', at(-14), R1, { workorder_id: 'W1', category: 'fault_repair', priority: 'high', area_class: 'urban' }),
    event('workorder.dispatched', at(-14, 5), R1, { workorder_id: 'W1', team: 'field-east' }),
    event('workorder.created', at(-14), R2, { workorder_id: 'W2', category: 'fault_repair', priority: 'high', area_class: 'rural' }),
    event('workorder.dispatched', at(-14, 5), R2, { workorder_id: 'W2', team: 'field-west' }),
  ])
  // S0 the day before (not counted); S1 answered in time; S2 late; S3 issued on D, due after D's end.
  await issue(at(-12), 'W1', 60)
  const s1 = await issue(at(9), 'W1', 60)
  const s2 = await issue(at(14), 'W2', 60)
  await issue(at(23, 30), 'W1', 60)
  await stored([
    event('supervision.replied', at(9, 30), R1, { supervision_id: s1, reply: 'on the way', by: 'team' }),
    event('supervision.replied', at(15, 30), R2, { supervision_id: s2, reply: 'done', by: 'team' }),
  ])
  // A1 fired and was acknowledged and resolved on D; A2 fired on D, acknowledged the next morning before the bulletin;
  // A3 fired the day before (acknowledged then), resolved, fired again on D and resolved unacknowledged;
  // A4 only pending; A5 fired after D.
  await alert('abandonment-region-high', R1, 'resolved', [['firing', at(10)], ['acknowledged', at(10, 6)], ['resolved', at(11)]])
  await alert('abandonment-region-high', R1, 'acknowledged', [['firing', at(20)], ['acknowledged', at(31)]])
  await alert('service-level-low', '', 'resolved', [['firing', at(-1)], ['acknowledged', at(-1, 10)], ['resolved', at(0, 30)], ['reopened', at(2)], ['resolved', at(2, 20)]])
  await alert('service-level-low', R2, 'pending', [['pending', at(12)]])
  await alert('abandonment-region-high', R2, 'firing', [['firing', at(25)]])
  await transitionCopy(t.store, t.storage.client, { warn: () => {} }).copyNow()
  // The next morning: the people reading it sign in then.
  clock = at(32)
  ;[lead, officer, viewer] = await Promise.all([signedIn(t.app, 'lead'), signedIn(t.app, 'officer'), signedIn(t.app, 'viewer')])
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/bulletins', headers: lead.headers, payload: { kind: 'daily', period_start: DAY } })
  expect(res.statusCode, res.body).toBe(201)
  bulletin = res.json<Bulletin>()
}, 120_000)

afterAll(async () => {
  await t?.close()
})

const kpi = (id: string) => bulletin.kpis.find((k) => k.id === id)!

describe('a daily bulletin over a fixed day', () => {
  it('covers the local day and is named by it', () => {
    expect(bulletin).toMatchObject({ id: `daily-${DAY}`, kind: 'daily', period_start: DAY, period_end: DAY, from: new Date(D).toISOString(), until: new Date(at(24)).toISOString(), generated_by: lead.username, pushed: null })
  })

  it('has the KPIs by region against target, with the engine’s formulas', () => {
    // Abandonment: losses / calls that left the queue (answered + abandoned − abandoned within 5 s).
    expect(kpi('abandonment_rate').regions[R1]).toEqual({ value: 2 / 11, status: 'red', volume: 11 })
    expect(kpi('abandonment_rate').regions[R2]).toEqual({ value: 0, status: 'green', volume: 4 })
    expect(kpi('abandonment_rate').total).toEqual({ value: 2 / 15, status: 'red', volume: 15 })
    expect(kpi('service_level').regions[R1]).toEqual({ value: 8 / 11, status: 'amber', volume: 11 })
    expect(kpi('service_level').total).toEqual({ value: 12 / 15, status: 'green', volume: 15 })
    expect(kpi('asa_seconds').regions[R1].value).toBeCloseTo(110 / 9, 9)
    expect(kpi('calls_offered').total.value).toBe(16)
    // Restored on D: O3 (120 min) and O1 (90 min), both in R1.
    expect(kpi('mttr_minutes').total.value).toBe(105)
    // Started on D: O1 (100 customers, none notified) and O2 (50, all notified 8 days ahead: timely).
    expect(kpi('notification_coverage').total.value).toBeCloseTo(50 / 150, 9)
    expect(kpi('timely_notification_rate').regions[R2]).toEqual({ value: 1, status: 'green', volume: 1 })
    // Deadlines on D: S1 (replied in time, R1) and S2 (late, R2); S3's falls after D.
    expect(kpi('supervision_timeliness').total).toEqual({ value: 0.5, status: 'red', volume: 2 })
    // A monthly target scaled to one day.
    expect(kpi('complaint_rate_permille').target).toBeCloseTo(1.5 / 30, 9)
  })

  it('lists the worst items: red first, then the furthest from the line', () => {
    expect(bulletin.worst.map((w) => `${w.status} ${w.region} ${w.kpi}`)).toEqual([
      `red ${R1} abandonment_rate`,
      `red ${R1} notification_coverage`,
      `red ${R2} supervision_timeliness`,
      `amber ${R1} service_level`,
    ])
  })

  it('counts the alerts that fired on D by rule and region, with time to acknowledge and to resolve', () => {
    expect(bulletin.alerts.total).toEqual({
      fired: 3, acknowledged: 2, resolved: 2,
      ack_minutes_avg: (6 + 660) / 2, ack_minutes_max: 660, resolve_minutes_avg: (60 + 20) / 2, resolve_minutes_max: 60,
      by_severity: { info: 0, warning: 0, critical: 3 },
    })
    expect(bulletin.alerts.rows.map((r) => [r.rule_id, r.region, r.fired, r.acknowledged, r.resolved])).toEqual([
      ['abandonment-region-high', R1, 2, 2, 1],
      ['service-level-low', '', 1, 0, 1],
    ])
    expect(bulletin.alerts.slowest.map((a) => a.ack_minutes)).toEqual([null, 660, 6])
  })

  it('counts the supervision orders issued on D and their timeliness', () => {
    expect(bulletin.supervision.total).toEqual({ issued: 3, due: 2, on_time: 1, timeliness: 0.5, status: 'red', replied: 2, closed: 0, returned: 0 })
    expect(bulletin.supervision.by_region).toEqual([
      { region: R1, issued: 2, due: 1, on_time: 1, timeliness: 1, status: 'green' },
      { region: R2, issued: 1, due: 1, on_time: 0, timeliness: 0, status: 'red' },
    ])
    expect(bulletin.supervision.by_team.map((r) => [r.team, r.issued, r.due, r.on_time, r.timeliness])).toEqual([
      ['field-east', 2, 1, 1, 1],
      ['field-west', 1, 1, 0, 0],
    ])
  })

  it('counts the outages started on D with customers and minutes lost within D', () => {
    expect(bulletin.outages.total).toEqual({ started: 2, customers_affected: 150, key_customers_affected: 1, restored: 1, active_at_end: 1, minutes_lost: 90 + 120, customer_minutes_lost: 100 * 90 + 50 * 120 })
    expect(bulletin.outages.largest.map((o) => [o.outage_id, o.customer_minutes_lost])).toEqual([['O1', 9000], ['O2', 6000]])
  })
})

describe('the desk’s lists for the same period', () => {
  const list = async <T>(url: string) => {
    const res = await t.app.inject({ url: `/api/v1${url}`, headers: viewer.headers })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<T>()
  }
  const period = () => ({ from: encodeURIComponent(bulletin.from), until: encodeURIComponent(bulletin.until) })

  it('count the same alerts, overall and by rule and region', async () => {
    const { from, until } = period()
    const all = await list<{ items: unknown[] }>(`/alerts?fired_since=${from}&fired_until=${until}&limit=1000`)
    expect(all.items).toHaveLength(bulletin.alerts.total.fired)
    for (const row of bulletin.alerts.rows) {
      const some = await list<{ items: unknown[] }>(`/alerts?fired_since=${from}&fired_until=${until}&rule=${row.rule_id}&region=${row.region}&limit=1000`)
      expect(some.items, `${row.rule_id} ${row.region}`).toHaveLength(row.fired)
    }
  })

  it('count the same supervision orders, overall and by team', async () => {
    const { from, until } = period()
    expect((await list<{ items: unknown[] }>(`/supervisions?since=${from}&until=${until}&limit=500`)).items).toHaveLength(bulletin.supervision.total.issued)
    for (const row of bulletin.supervision.by_team) {
      expect((await list<{ items: unknown[] }>(`/supervisions?since=${from}&until=${until}&team=${row.team}&limit=500`)).items).toHaveLength(row.issued)
    }
  })

  it('count the same outages and customers', async () => {
    const { from, until } = period()
    const page = await list<{ total: number; items: Array<{ customers_affected: number }> }>(`/outages?started_since=${from}&started_until=${until}&limit=200`)
    expect(page.total).toBe(bulletin.outages.total.started)
    expect(page.items.reduce((n, o) => n + o.customers_affected, 0)).toBe(bulletin.outages.total.customers_affected)
  })
})

describe('the bulletin through the API', () => {
  it('is listed, read back and refused a second time for its period', async () => {
    const listed = await t.app.inject({ url: '/api/v1/bulletins?kind=daily', headers: viewer.headers })
    expect(listed.json<{ items: BulletinSummary[] }>().items).toEqual([
      { id: bulletin.id, kind: 'daily', period_start: DAY, period_end: DAY, generated_at: new Date(at(32)).toISOString(), generated_by: lead.username, pushed_at: null, alerts_fired: 3, red_items: 3, supervision_timeliness: 0.5, outages_started: 2, customer_minutes_lost: 15000 },
    ])
    const read = await t.app.inject({ url: `/api/v1/bulletins/${bulletin.id}`, headers: viewer.headers })
    expect(read.json()).toEqual(bulletin)
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/bulletins', headers: lead.headers, payload: { kind: 'daily', period_start: DAY } })
    expect(again.statusCode).toBe(409)
  })

  it('refuses a period not over yet, a weekly one not on a Monday, and an officer', async () => {
    const post = (caller: PersonCaller, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/bulletins', headers: caller.headers, payload })
    const today = new Date(clock + 8 * HOUR).toISOString().slice(0, 10)
    expect((await post(lead, { kind: 'daily', period_start: today })).json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/not over yet/) })
    const monday = new Date(D + 8 * HOUR)
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7)
    const tuesday = new Date(monday.getTime() + 24 * HOUR).toISOString().slice(0, 10)
    expect((await post(lead, { kind: 'weekly', period_start: tuesday })).json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/Monday/) })
    expect((await post(officer, { kind: 'daily', period_start: '2026-01-01' })).statusCode).toBe(403)
  })

  it('downloads as a PDF that parses back with its title and a region’s figure', async () => {
    const res = await t.app.inject({ url: `/api/v1/bulletins/${bulletin.id}/pdf`, headers: viewer.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const { text } = await new PDFParse({ data: res.rawPayload }).getText()
    expect(text).toContain('日预警')
    expect(text).toContain(DAY)
    // R1 (北山区)'s abandonment rate, 2/11.
    expect(text).toContain('北山区')
    expect(text).toContain('18.2%')
  })

  it('downloads as an XLSX whose sheets read back, numbers as numbers', async () => {
    const res = await t.app.inject({ url: `/api/v1/bulletins/${bulletin.id}/xlsx?lang=en`, headers: viewer.headers })
    expect(res.statusCode).toBe(200)
    const sheets = await readXlsxFile(res.rawPayload)
    expect(sheets.map((s) => s.sheet)).toEqual(expect.arrayContaining(['Daily warning summary', 'Alerts', 'Outages']))
    const kpis = sheets.find((s) => s.sheet.startsWith('KPIs'))!.data
    const header = kpis[0]
    const row = kpis.find((r) => r[0] === 'Abandonment rate')!
    expect(row[header.indexOf(territory.regions[0].name_en)]).toBeCloseTo(2 / 11, 9)
    const outages = sheets.find((s) => s.sheet === 'Outages')!.data
    expect(outages.at(-1)).toEqual(['Whole territory', 2, 150, 1, 1, 1, 210, 15000])
  })
})
