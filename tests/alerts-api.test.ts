// The alerts API with the real app: events posted to /api/v1/events drive a
// KPI over a rule's threshold and the alert appears in GET /api/v1/alerts;
// acknowledging (officers and up; the first wins, a second gets 409 naming
// who was first), escalating and closing by hand (leads and up; a critical
// one needs a comment), silences (leads and up), each route refused below
// its least role, every action in the audit log; screens get each change
// over the socket and the whole list on (re)connect; transitions are copied
// to ClickHouse.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rule } from '../schemas/alerting-config.ts'
import type { Alert, AlertDetail, Silence } from '../schemas/alerts.ts'
import type { AlertEvent } from '../schemas/socket-events.ts'
import { eventually, openTestServer, testConfig, type ScreenSocket, type TestServer } from './server-harness.ts'
import { signedIn, type Caller, type PersonCaller } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'
import { queryRows } from './support/temp-storage.ts'

/** Offered calls over 15 minutes above 2, firing at once: three calls fire it. */
const SURGE: Rule = {
  id: 'calls-test-surge', name: '进线量测试', kind: 'kpi', severity: 'critical', kpi: 'calls_offered', window: '15m', scope: { region: '*' },
  op: 'above', fire: 2, clear: 1, for: '0s', keep_firing_for: '5m',
}

let t: TestServer
let app: TestServer['server']['app']
let viewer: PersonCaller
let officer: PersonCaller
let otherOfficer: PersonCaller
let lead: PersonCaller
let alert: Alert
/** A screen (a program with the read scope) and what it heard. */
let screen: ScreenSocket
const lists: Alert[][] = []
const events: AlertEvent[] = []

const openScreen = (onList: (alerts: Alert[]) => void) => {
  const socket: ScreenSocket = connect(t.server.url, { transports: ['websocket'], ...t.program.socket })
  socket.on('alerts', onList)
  return socket
}

beforeAll(async () => {
  // The rule comes as an operator gives it: in ALERTING_FILE.
  const file = join(mkdtempSync(join(tmpdir(), 'cc-alerting-')), 'alerting.json')
  // An escalation policy: a lead's "escalate now" goes to the director's browsers.
  const escalation = { tiers: [{ after: '10m', notify: ['push-director'] }] }
  writeFileSync(file, JSON.stringify({ rules: [SURGE], receivers: [{ id: 'push-director', type: 'web_push', to: ['user:director'] }], escalation }))
  t = await openTestServer({ config: testConfig({ ALERTING_FILE: file }) })
  app = t.server.app
  ;[viewer, officer, otherOfficer, lead] = await Promise.all([
    signedIn(app, 'viewer'),
    signedIn(app, 'officer', { username: 'first-officer' }),
    signedIn(app, 'officer'),
    signedIn(app, 'lead'),
  ])
  screen = openScreen((list) => lists.push(list))
  screen.on('alert', (e) => events.push(e))
  await eventually(() => lists.length > 0, 10_000, 'the alert list on connect')
})
afterAll(async () => {
  screen?.close()
  await t?.close()
})

const get = async <T>(who: Caller, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: who.headers })
  return { status: res.statusCode, body: res.json<T>() }
}
const post = async <T>(who: Caller, url: string, payload: object) => {
  const res = await app.inject({ method: 'POST', url, headers: who.headers, payload })
  return { status: res.statusCode, body: res.json<T>() }
}

describe('alerts over the API', () => {
  it('raises an alert when posted events drive a KPI over a threshold, one for the region', async () => {
    const calls = [1, 2, 3].map((n) => sampleEvent('call.offered', Date.now(), { call_id: `ALERT-${n}`, region: 'D05' }))
    const res = await app.inject({ method: 'POST', url: '/api/v1/events', payload: calls, headers: t.program.headers })
    expect(res.json()).toMatchObject({ accepted: 3 })
    await eventually(async () => (await get<{ items: Alert[] }>(viewer, '/api/v1/alerts?rule=calls-test-surge')).body.items.length > 0, 15_000, 'the alert')
    const { status, body } = await get<{ items: Alert[] }>(viewer, '/api/v1/alerts?rule=calls-test-surge&region=D05&severity=critical')
    expect(status).toBe(200)
    expect(body.items).toHaveLength(1)
    alert = body.items[0]
    expect(alert).toMatchObject({ state: 'firing', value: 3, threshold: 2, labels: { region: 'D05', rule: 'calls-test-surge' }, silenced: false })
    expect((await get<{ items: Alert[] }>(viewer, '/api/v1/alerts?state=resolved&rule=calls-test-surge')).body.items).toHaveLength(0)
  })

  it('lets officers acknowledge, the first one only: a second gets 409 naming who was first', async () => {
    expect((await post(viewer, `/api/v1/alerts/${alert.id}/ack`, { comment: 'x' })).status).toBe(403)
    const first = await post<Alert>(officer, `/api/v1/alerts/${alert.id}/ack`, { comment: '已联系调度' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ state: 'acknowledged', acknowledged: { by: 'first-officer', comment: '已联系调度' } })
    const second = await post<{ code: string; message: string }>(otherOfficer, `/api/v1/alerts/${alert.id}/ack`, { comment: 'me too' })
    expect(second.status).toBe(409)
    expect(second.body.code).toBe('already_acknowledged')
    expect(second.body.message).toContain('first-officer')
  })

  it('lets leads escalate, not officers', async () => {
    expect((await post(officer, `/api/v1/alerts/${alert.id}/escalate`, { comment: 'x' })).status).toBe(403)
    const res = await post<Alert>(lead, `/api/v1/alerts/${alert.id}/escalate`, { comment: '请主任知悉' })
    expect(res.status).toBe(200)
  })

  it('lets leads close a critical alert by hand, only with a comment', async () => {
    expect((await post(officer, `/api/v1/alerts/${alert.id}/resolve`, { comment: 'x' })).status).toBe(403)
    const bare = await post<{ code: string }>(lead, `/api/v1/alerts/${alert.id}/resolve`, { comment: '' })
    expect(bare.status).toBe(400)
    expect(bare.body.code).toBe('comment_required')
    const res = await post<Alert>(lead, `/api/v1/alerts/${alert.id}/resolve`, { comment: '已核实为测试话务' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ state: 'resolved', resolved_by: { comment: '已核实为测试话务' } })
  })

  it('gives one alert with its whole history and its notification attempts', async () => {
    const { status, body } = await get<AlertDetail>(viewer, `/api/v1/alerts/${alert.id}`)
    expect(status).toBe(200)
    const kinds = body.history.map((h) => h.kind)
    // The lead's escalation, then the pipeline's record of the tier it reached.
    expect(kinds.slice(0, 5)).toEqual(['firing', 'acknowledged', 'escalated', 'escalated', 'resolved'])
    expect(body.history[1]).toMatchObject({ actor: 'first-officer', comment: '已联系调度' })
    expect(body.history[3]).toMatchObject({ detail: { tier: 1, receivers: ['push-director'] } })
    // The director has no browser subscribed: the attempt is recorded as failed, with why.
    expect(body.notifications).toMatchObject([
      { receiver_id: 'push-director', reason: 'escalation', outcome: 'failed', error: expect.stringContaining('no recipient has subscribed') as unknown },
    ])
    expect((await get(viewer, '/api/v1/alerts/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('lets leads set, list and end silences, which flag matching alerts', async () => {
    // Closed by hand while its calls still count, D05's alert stays closed; calls in D03 fire the rule there.
    expect(app.alerts.current().find((a) => a.id === alert.id)?.state).toBe('resolved')
    const calls = [1, 2, 3].map((n) => sampleEvent('call.offered', Date.now(), { call_id: `SILENCE-${n}`, region: 'D03' }))
    expect((await app.inject({ method: 'POST', url: '/api/v1/events', payload: calls, headers: t.program.headers })).json()).toMatchObject({ accepted: 3 })
    await eventually(() => app.alerts.current().some((a) => a.rule_id === 'calls-test-surge' && a.labels.region === 'D03' && a.state === 'firing'), 15_000, "D03's alert")
    const payload = { matchers: { rule: 'calls-test-surge' }, ends_at: new Date(Date.now() + 3_600_000).toISOString(), comment: '计划检修' }
    expect((await post(officer, '/api/v1/silences', payload)).status).toBe(403)
    expect((await get(officer, '/api/v1/silences')).status).toBe(403)
    const made = await post<Silence>(lead, '/api/v1/silences', payload)
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ state: 'active', created_by: lead.username, matchers: { rule: 'calls-test-surge' } })
    // D03's alert is flagged silenced (still recorded and shown).
    await eventually(() => app.alerts.current().some((a) => a.rule_id === 'calls-test-surge' && a.state === 'firing' && a.silenced), 15_000, 'a silenced firing alert')
    expect((await get<{ items: Silence[] }>(lead, '/api/v1/silences')).body.items.map((s) => s.id)).toContain(made.body.id)
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/silences/${made.body.id}`, headers: officer.headers })).statusCode).toBe(403)
    const ended = await app.inject({ method: 'DELETE', url: `/api/v1/silences/${made.body.id}`, headers: lead.headers })
    expect(ended.statusCode).toBe(200)
    expect(ended.json<Silence>().state).toBe('expired')
    expect(app.alerts.current().find((a) => a.rule_id === 'calls-test-surge' && a.state !== 'resolved')?.silenced).toBe(false)
  })

  it('tells screens every change as it happens, and a screen that connects gets the list', async () => {
    const mine = events.filter((e) => e.alert.id === alert.id)
    expect(mine.map((e) => [e.kind, e.actor]).slice(0, 5)).toEqual([
      ['firing', 'engine'],
      ['acknowledged', 'first-officer'],
      ['escalated', lead.username],
      ['escalated', 'engine'],
      ['resolved', lead.username],
    ])
    expect(mine[1].alert.acknowledged?.by).toBe('first-officer')
    let list: Alert[] | undefined
    const late = openScreen((l) => (list = l))
    try {
      await eventually(() => list !== undefined, 10_000, 'the list of a screen that connects')
      expect(list!.map((a) => a.rule_id)).toContain('calls-test-surge')
    } finally {
      late.close()
    }
  })

  it('copies every transition to ClickHouse', async () => {
    const transitions = () =>
      queryRows<{ transition: string; actor: string }>(t.storage, 'SELECT transition, actor FROM alert_transitions FINAL WHERE alert_id = {id:String} ORDER BY id', { id: alert.id })
    await eventually(async () => (await transitions()).length >= 5, 10_000, 'the transitions in ClickHouse')
    expect((await transitions()).slice(0, 5).map((r) => r.transition)).toEqual(['firing', 'acknowledged', 'escalated', 'escalated', 'resolved'])
  })

  it('audits every action, refusals too', async () => {
    const actions = async (action: string) => (await app.access.audit.search({ action, limit: 50, offset: 0 })).items
    expect((await actions('alert.ack')).map((e) => [e.actor, e.outcome])).toEqual(
      expect.arrayContaining([['first-officer', 'allowed'], [otherOfficer.username, 'denied']]),
    )
    expect((await actions('alert.escalate')).map((e) => e.outcome)).toContain('allowed')
    expect((await actions('alert.resolve')).map((e) => e.outcome)).toEqual(expect.arrayContaining(['allowed', 'denied']))
    expect(await actions('silence.create')).toHaveLength(1)
    expect(await actions('silence.expire')).toHaveLength(1)
  })
})
