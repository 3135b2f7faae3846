// What the desk's alert detail carries beside the alert (GET /api/v1/alerts/{id}
// `context`, server/alerting/alert-context.ts) and silencing one alert from
// the desk (POST /api/v1/alerts/{id}/silence), with the real app: posted
// calls fire a per-region KPI rule in D05 and D06, orders created two hours
// ago and never reached fire the overdue rules, an outage is active in each
// region. The detail gives the rule's KPI and thresholds, the labels of its
// fingerprint, the other open alerts of its rule or place, its region's
// active outages and the orders it is about; a lead silences exactly its
// fingerprint for a while (an officer may not), and ends it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rule } from '../schemas/alerting-config.ts'
import type { Alert, AlertDetail, Silence } from '../schemas/alerts.ts'
import { eventually, openTestServer, testConfig, type TestServer } from './server-harness.ts'
import { signedIn, type Caller, type PersonCaller } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'

const RULES: Rule[] = [
  { id: 'ctx-calls', name: '进线量', kind: 'kpi', severity: 'warning', kpi: 'calls_offered', window: '15m', scope: { region: '*' }, op: 'above', fire: 2, clear: 1, for: '0s', keep_firing_for: '5m' },
  { id: 'ctx-overdue', name: '工单超时', kind: 'entity', severity: 'warning', check: 'workorder_overdue' },
  { id: 'ctx-overdue-region', name: '区域超时工单', kind: 'kpi', severity: 'info', kpi: 'workorders_overdue_now', window: '15m', scope: { region: '*' }, op: 'above', fire: 1, clear: 0, for: '0s' },
]

let t: TestServer
let app: TestServer['server']['app']
let viewer: PersonCaller
let officer: PersonCaller
let lead: PersonCaller

const get = async <T>(who: Caller, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: who.headers })
  return { status: res.statusCode, body: res.json<T>() }
}
const post = async <T>(who: Caller, url: string, payload: object) => {
  const res = await app.inject({ method: 'POST', url, headers: who.headers, payload })
  return { status: res.statusCode, body: res.json<T>() }
}
const open = () => app.alerts.current().filter((a) => a.state !== 'resolved')
const find = (rule: string, label: string, value: string): Alert => open().find((a) => a.rule_id === rule && a.labels[label] === value)!
const detail = async (a: Alert) => (await get<AlertDetail>(viewer, `/api/v1/alerts/${a.id}`)).body

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-alert-context-')), 'alerting.json')
  writeFileSync(file, JSON.stringify({ rules: RULES }))
  t = await openTestServer({ config: testConfig({ ALERTING_FILE: file }) })
  app = t.server.app
  ;[viewer, officer, lead] = await Promise.all([signedIn(app, 'viewer'), signedIn(app, 'officer'), signedIn(app, 'lead')])
  const now = Date.now()
  const ago = (minutes: number) => now - minutes * 60_000
  // A fault repair in town is due on site in 45 minutes: created two hours ago and never reached, it is overdue.
  const order = (id: string, region: string, team: string) => [
    sampleEvent('workorder.created', ago(120), { workorder_id: id, region, category: 'fault_repair', area_class: 'urban' }),
    sampleEvent('workorder.dispatched', ago(115), { workorder_id: id, region, team }),
  ]
  const events = [
    ...[1, 2, 3].flatMap((n) => ['D05', 'D06'].map((region) => sampleEvent('call.offered', ago(1), { call_id: `CTX-${region}-${n}`, region }))),
    ...order('W-CTX-1', 'D05', 'field-east'),
    ...order('W-CTX-2', 'D06', 'field-east'),
    ...order('W-CTX-3', 'D05', 'field-west'),
    sampleEvent('outage.started', ago(30), { outage_id: 'O-CTX-5', region: 'D05', customers_affected: 300, key_customers_affected: 0 }),
    sampleEvent('outage.started', ago(30), { outage_id: 'O-CTX-6', region: 'D06', customers_affected: 200, key_customers_affected: 0 }),
  ]
  const res = await app.inject({ method: 'POST', url: '/api/v1/events', payload: events, headers: t.program.headers })
  expect(res.json()).toMatchObject({ accepted: events.length })
  await eventually(
    () => open().filter((a) => a.rule_id === 'ctx-calls').length === 2 && open().filter((a) => a.rule_id === 'ctx-overdue').length === 3 && open().filter((a) => a.rule_id === 'ctx-overdue-region').length === 1,
    20_000,
    'the call alerts of D05 and D06, three overdue orders and D05 with more than one',
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; open: ${JSON.stringify(open().map((a) => [a.rule_id, a.labels]))}`)
  })
})
afterAll(async () => {
  await t?.close()
})

describe('the alert detail context', () => {
  it('a KPI rule alert: the KPI and thresholds, its fingerprint labels, related alerts of its rule and region, its region’s active outages', async () => {
    const d05 = find('ctx-calls', 'region', 'D05')
    const { context } = await detail(d05)
    expect(context.rule).toEqual({ kpi: 'calls_offered', window: '15m', op: 'above', fire: 2, clear: 1, compare: null, factor: null, min_value: null })
    expect(context.scope).toEqual({ dimension: 'region', key: 'D05', matchers: { rule: 'ctx-calls', region: 'D05' } })
    // The same rule in D06, and what else is open in D05: two overdue orders and the region's overdue figure. Not D06's order.
    const related = context.related.map((a) => `${a.rule_id}:${a.labels.workorder_id ?? a.labels.region}`).sort()
    expect(related).toEqual(['ctx-calls:D06', 'ctx-overdue-region:D05', 'ctx-overdue:W-CTX-1', 'ctx-overdue:W-CTX-3'])
    expect(context.related.every((a) => a.state !== 'resolved' && a.id !== d05.id)).toBe(true)
    expect(context.outages.map((o) => o.outage_id)).toEqual(['O-CTX-5'])
    expect(context.workorders).toBeNull()
    expect(context.silences).toEqual([])
  })

  it('an overdue order’s alert: the orders of its team that are overdue, its own first, with the list filters that hold them', async () => {
    const own = find('ctx-overdue', 'workorder_id', 'W-CTX-1')
    const { context } = await detail(own)
    expect(context.rule).toBeNull()
    expect(context.scope).toEqual({ dimension: 'workorder', key: 'W-CTX-1', matchers: { rule: 'ctx-overdue', workorder_id: 'W-CTX-1' } })
    expect(context.workorders).toMatchObject({ judged: 'overdue', filters: { overdue: 'true', team: 'field-east' }, total: 2 })
    expect(context.workorders!.items.map((w) => w.workorder_id)).toEqual(['W-CTX-1', 'W-CTX-2'])
    expect(context.outages.map((o) => o.outage_id)).toEqual(['O-CTX-5'])
  })

  it('a region’s overdue-orders figure: the overdue orders of that region', async () => {
    const { context } = await detail(find('ctx-overdue-region', 'region', 'D05'))
    expect(context.workorders).toMatchObject({ judged: 'overdue', filters: { overdue: 'true', region: 'D05' }, total: 2 })
    expect(context.workorders!.items.map((w) => w.workorder_id).sort()).toEqual(['W-CTX-1', 'W-CTX-3'])
  })
})

describe('silencing one alert from the desk', () => {
  it('is for leads: exactly its fingerprint, for the duration asked; the detail lists it; ending it unsilences', async () => {
    const d05 = find('ctx-calls', 'region', 'D05')
    const url = `/api/v1/alerts/${d05.id}/silence`
    expect((await post(officer, url, { duration: '30m', comment: '计划检修' })).status).toBe(403)
    const tooLong = await post<{ message: string }>(lead, url, { duration: '2d', comment: '计划检修' })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.message).toContain('at most 24h')
    expect((await post(lead, url, { duration: 'soon', comment: '计划检修' })).status).toBe(400)
    expect((await post(lead, url, { duration: '30m', comment: '' })).status).toBe(400)
    expect((await post(lead, '/api/v1/alerts/00000000-0000-4000-8000-000000000000/silence', { duration: '30m', comment: 'x' })).status).toBe(404)

    const before = Date.now()
    const made = await post<Silence>(lead, url, { duration: '30m', comment: '计划检修' })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ matchers: { rule: 'ctx-calls', region: 'D05' }, comment: '计划检修', created_by: lead.username, state: 'active' })
    const span = Date.parse(made.body.ends_at) - Date.parse(made.body.starts_at)
    expect(span).toBe(30 * 60_000)
    expect(Date.parse(made.body.starts_at)).toBeGreaterThanOrEqual(before - 1000)
    // Only this alert: D06's of the same rule stays loud.
    expect(app.alerts.get(d05.id)?.silenced).toBe(true)
    expect(find('ctx-calls', 'region', 'D06').silenced).toBe(false)
    expect((await detail(d05)).context.silences.map((s) => s.id)).toEqual([made.body.id])
    const audit = await app.access.audit.search({ action: 'silence.create', limit: 10, offset: 0 })
    expect(audit.items.map((e) => [e.actor, e.outcome])).toEqual(expect.arrayContaining([[lead.username, 'allowed'], [lead.username, 'denied']]))

    const ended = await app.inject({ method: 'DELETE', url: `/api/v1/silences/${made.body.id}`, headers: lead.headers })
    expect(ended.statusCode).toBe(200)
    expect(app.alerts.get(d05.id)?.silenced).toBe(false)
    expect((await detail(d05)).context.silences).toEqual([])
  })
})
