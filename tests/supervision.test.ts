// Supervision orders' closed loop in embedded mode, against real engines
// (chDB, PGlite) and the app: an officer issues an order on a work order →
// supervision.issued goes through the ingest pipeline into ClickHouse → the
// simulated team's supervision.received and .replied come back through the
// same pipeline → the server reads them from the inbox → replied → closed
// accepted; and the late branch: received, never replied → a reminder at the
// deadline → an alert to the shift lead from the alerting engine, each once
// (and the teams' webhook told of each issue and reminder). Time is a virtual clock
// at a fixed local hour yesterday: nothing depends on when the test runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { IngestPipeline } from '../ingest/pipeline.ts'
import { drawFate, SimulatedTeams, withSimulatedTeams } from '../ingest/simulator/supervision-teams.ts'
import { mixSeed, Rng } from '../ingest/simulator/random.ts'
import type { Submission, SubmitItem } from '../core/intake/event-sink.ts'
import { buildApp } from '../server/app.ts'
import { SupervisionInbox } from '../server/supervision/supervision-inbox.ts'
import { eventually, territory, testConfig, testPipeline } from './server-harness.ts'
import { signedIn, withToken, type Caller, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { openTempStorage, queryRows } from './support/temp-storage.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'
import { VirtualScheduler } from './support/virtual-scheduler.ts'
import { WebhookServer } from './support/robots/webhook-server.ts'

const MIN = 60_000
// This seed's teams answer the first order in time and only sign for the second (checked below).
const SEED = 33
const START = shanghaiTime(10, 0, 1)

let storage: Awaited<ReturnType<typeof openTempStorage>>
let store: TempStore
let pipeline: IngestPipeline
let app: FastifyInstance
let teams: SimulatedTeams
let officer: PersonCaller
const clock = new VirtualScheduler(START)
// The teams' channel (SUPERVISION_WEBHOOK_URL): issued orders and reminders.
const webhook = new WebhookServer()
const notices = () => webhook.requests.map((r) => r.json as { notice: string; supervision: { id: string } }).map((n) => `${n.notice} ${n.supervision.id}`)

beforeAll(async () => {
  ;[storage, store] = await Promise.all([openTempStorage(), openTempStore(), webhook.start()])
  pipeline = testPipeline(storage)
  teams = new SimulatedTeams(pipeline, SEED, clock)
  app = await buildApp({
    storage,
    store,
    // The loop's own timer stays out of the way: the test runs each pass.
    config: testConfig({ SUPERVISION_CHECK_MS: '600000', SUPERVISION_ALERT_AFTER_MINUTES: '30', SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720', SUPERVISION_WEBHOOK_URL: `${webhook.url}/teams` }),
    territory,
    sink: withSimulatedTeams(pipeline, teams),
    now: () => new Date(clock.now()),
  })
  await app.ready()
  officer = await signedIn(app, 'officer')
  // The work order supervised: a fault repair dispatched to a field team.
  const wo = (type: string, at: number, fields: object) => ({
    event_id: randomUUID(), type, occurred_at: new Date(at).toISOString(), source: 'test', region: territory.regions[0].code, schema_version: 1, workorder_id: 'W-SV-1', ...fields,
  })
  await stored([
    wo('workorder.created', START - 30 * MIN, { category: 'fault_repair', priority: 'high', area_class: 'urban' }),
    wo('workorder.dispatched', START - 25 * MIN, { team: 'field-east' }),
  ])
})
afterAll(async () => {
  teams?.stop()
  await app?.close()
  await pipeline?.stop()
  await storage?.destroy()
  await store?.destroy()
  await webhook.close()
})

async function stored(events: object[]): Promise<void> {
  const submission = await pipeline.submit(events.map((input) => ({ input, source: 'test' })))
  expect(submission.results.every((r) => r.ok)).toBe(true)
  await pipeline.flush()
  await submission.durable
}

/** Lets the virtual time pass (the teams answer), stores what they sent, and runs the server's pass. */
async function after(ms: number): Promise<void> {
  await clock.advance(ms)
  await pipeline.flush()
  await app.supervision.loop.pass()
}

/** The engine's alerts about supervision orders (rule supervision-unanswered of the default set). */
const supervisionAlerts = (id?: string) => app.alerts.current().filter((a) => a.labels.supervision_id !== undefined && (id === undefined || a.labels.supervision_id === id))

const api = (method: 'GET' | 'POST', url: string, caller: Caller, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: caller.headers, ...(payload ? { payload } : {}) })

type Detail = { supervision: Record<string, unknown>; history: Array<{ step: string; by: string | null }> }
const detail = async (id: string) => (await api('GET', `/supervisions/${id}`, officer)).json<Detail>()

describe('the simulated teams', () => {
  it('answer as the seed says: the same seed gives the same fates, and every fate happens', () => {
    const fates = (seed: number) => {
      const rng = new Rng(mixSeed(seed, 0x5e))
      return Array.from({ length: 1000 }, () => drawFate(rng, 120 * MIN))
    }
    const a = fates(SEED)
    expect(fates(SEED)).toEqual(a)
    expect(a.slice(0, 2).map((f) => f.kind)).toEqual(['on_time', 'received_only'])
    const share = (kind: string) => a.filter((f) => f.kind === kind).length / a.length
    expect(share('on_time')).toBeGreaterThan(0.55)
    for (const kind of ['late', 'received_only', 'silent']) expect(share(kind)).toBeGreaterThan(0.02)
    for (const f of a) {
      if (f.kind === 'on_time') expect(f.repliedAfterMs).toBeLessThanOrEqual(120 * MIN)
      if (f.kind === 'late') expect(f.repliedAfterMs).toBeGreaterThan(120 * MIN)
      if (f.kind === 'on_time' || f.kind === 'late') expect(f.repliedAfterMs).toBeGreaterThan(f.receivedAfterMs)
    }
  })

  it('only hear of orders the sink accepted', async () => {
    const heard: string[] = []
    const refusing = { submit: async (items: SubmitItem[]): Promise<Submission> => ({ results: items.map(() => ({ ok: false as const, code: 'invalid' as const, reason: 'no' })), durable: Promise.resolve() }) }
    const spy = Object.assign(Object.create(SimulatedTeams.prototype) as SimulatedTeams, { issued: (o: { supervision_id: string }) => void heard.push(o.supervision_id) })
    await withSimulatedTeams(refusing, spy).submit([{ input: { type: 'supervision.issued', supervision_id: 'SV-x' }, source: 'test' }])
    expect(heard).toEqual([])
  })
})

describe('a supervision order in embedded mode', () => {
  let first: string

  it('is issued by an officer on a work order: its team and a 2 h deadline by default, published through ingest', async () => {
    const res = await api('POST', '/supervisions', officer, { target_type: 'workorder', target_id: 'W-SV-1', reason: 'the customer called three times', action: 'report the repair time' })
    expect(res.statusCode).toBe(201)
    const order = res.json<Record<string, string>>()
    first = order.id
    expect(order).toMatchObject({ team: 'field-east', state: 'issued', round: 1, region: territory.regions[0].code, due_at: new Date(START + 120 * MIN).toISOString(), overdue: false })
    await pipeline.flush()
    const events = await queryRows<{ type: string; team: string; due_at: string }>(storage, `SELECT type, team, due_at FROM events WHERE supervision_id = {id:String}`, { id: first })
    expect(events).toEqual([{ type: 'supervision.issued', team: 'field-east', due_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) }])
  })

  it('comes back received and replied through ingest, in time, each answer applied once', async () => {
    await after(10 * MIN)
    expect((await detail(first)).supervision.state).toBe('received')
    await after(110 * MIN)
    await app.supervision.loop.pass()
    const { supervision, history } = await detail(first)
    expect(supervision).toMatchObject({ state: 'replied', reminded_at: null, overdue: false })
    expect(history.map((h) => h.step)).toEqual(['issued', 'received', 'replied'])
    expect(supervisionAlerts()).toEqual([])
  })

  it('is closed accepted by an officer, with the event and every step audited', async () => {
    const res = await api('POST', `/supervisions/${first}/close`, officer, { outcome: 'accepted', comment: 'confirmed with the customer' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ state: 'closed', outcome: 'accepted' })
    expect((await detail(first)).history.map((h) => h.step)).toEqual(['issued', 'received', 'replied', 'closed'])
    await pipeline.flush()
    const types = await queryRows<{ type: string }>(storage, `SELECT type FROM events WHERE supervision_id = {id:String} ORDER BY occurred_at`, { id: first })
    expect(types.map((r) => r.type)).toEqual(['supervision.issued', 'supervision.received', 'supervision.replied', 'supervision.closed'])
    const audit = await store.query<{ action: string; outcome: string }>(`SELECT action, outcome FROM audit_log WHERE target = $1 ORDER BY id`, [first])
    expect(audit.map((a) => a.action)).toEqual(['supervision.issue', 'supervision.received', 'supervision.replied', 'supervision.close'])
    // Closed once: a second close is refused.
    expect((await api('POST', `/supervisions/${first}/close`, officer, { outcome: 'returned' })).statusCode).toBe(409)
  })

  it('unanswered by its deadline: a reminder, then an alert to the shift lead, once each; resolved by the reply', async () => {
    const res = await api('POST', '/supervisions', officer, { target_type: 'alert', target_id: 'A-17', team: 'field-west', reason: 'surge in N', action: 'check the feeder', due_in_minutes: 30 })
    expect(res.statusCode).toBe(201)
    const id = res.json<{ id: string }>().id
    await after(30 * MIN)
    expect((await detail(id)).supervision).toMatchObject({ state: 'received', reminded_at: new Date(clock.now()).toISOString(), alerted_at: null, overdue: false })
    await after(MIN)
    expect((await detail(id)).supervision.overdue).toBe(true)
    expect(supervisionAlerts()).toEqual([])
    await after(29 * MIN)
    await eventually(() => supervisionAlerts(id)[0]?.state === 'firing', 20_000, 'the alert to the shift lead')
    const [alert] = supervisionAlerts(id)
    expect(alert).toMatchObject({ rule_id: 'supervision-unanswered', labels: { team: 'field-west', target_type: 'alert', target_id: 'A-17', domain: 'supervision' } })
    expect(alert.summary).toContain('field-west')
    await after(10 * MIN)
    expect(supervisionAlerts().map((a) => a.fingerprint)).toEqual([alert.fingerprint])
    expect(notices()).toEqual([`issued ${first}`, `issued ${id}`, `reminder ${id}`])
    expect((await detail(id)).history.map((h) => h.step)).toEqual(['issued', 'received', 'reminded', 'alerted'])
    const overdue = (await api('GET', '/supervisions?overdue=true', officer)).json<{ items: Array<{ id: string }> }>()
    expect(overdue.items.map((o) => o.id)).toEqual([id])
    // The wall's count agrees with the desk's lists.
    const open = (await Promise.all(['issued', 'received'].map(async (state) => (await api('GET', `/supervisions?state=${state}`, officer)).json<{ items: unknown[] }>().items.length))).reduce((a, b) => a + b)
    const counts = async () => (await api('GET', '/snapshot', officer)).json<{ supervisions: { open: number; overdue: number } }>().supervisions
    await eventually(async () => JSON.stringify(await counts()) === JSON.stringify({ open, overdue: 1 }), 20_000, `the snapshot counting ${open} open, 1 overdue`)
    const onTime = (await api('GET', '/supervisions?overdue=false&state=closed', officer)).json<{ items: Array<{ id: string }> }>()
    expect(onTime.items.map((o) => o.id)).toEqual([first])
    // The team replies at last (late): replied, and the alert is over.
    await stored([{ event_id: randomUUID(), type: 'supervision.replied', occurred_at: new Date(clock.now()).toISOString(), source: 'test', region: 'ignored', schema_version: 1, supervision_id: id, reply: 'done, late' }])
    await app.supervision.loop.pass()
    expect((await detail(id)).supervision.state).toBe('replied')
    await eventually(() => supervisionAlerts(id)[0]?.state === 'resolved', 20_000, 'the alert resolved by the reply')
  })

  it('counts in supervision timeliness at each deadline: the first in time, the second late', async () => {
    const rows = await queryRows<{ due: number; on_time: number }>(storage, `SELECT toUInt32(sum(due)) AS due, toUInt32(sum(on_time)) AS on_time FROM kpi_supervision_1m`)
    expect(rows).toEqual([{ due: 2, on_time: 1 }])
  })

  it('returned for rework: issued again, a new round with the same span, published as closed then issued', async () => {
    const [late] = (await api('GET', '/supervisions?state=replied', officer)).json<{ items: Array<{ id: string }> }>().items
    const res = await api('POST', `/supervisions/${late.id}/close`, officer, { outcome: 'returned', comment: 'no feeder check attached' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ state: 'issued', round: 2, reply: null, reminded_at: null, alerted_at: null, due_at: new Date(clock.now() + 30 * MIN).toISOString() })
    expect((await detail(late.id)).history.map((h) => h.step)).toEqual(['issued', 'received', 'reminded', 'alerted', 'replied', 'returned'])
    await pipeline.flush()
    const types = await queryRows<{ type: string }>(storage, `SELECT type FROM events WHERE supervision_id = {id:String} AND type IN ('supervision.closed', 'supervision.issued') ORDER BY occurred_at, type`, { id: late.id })
    expect(types.map((r) => r.type)).toEqual(['supervision.issued', 'supervision.closed', 'supervision.issued'])
    const audit = await store.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = $1 AND actor = $2 ORDER BY id`, [late.id, officer.username])
    expect(audit.map((a) => a.action)).toEqual(['supervision.issue', 'supervision.return'])
  })

  it('is refused to those who may not act', async () => {
    const viewer = await signedIn(app, 'viewer')
    const program = await withToken(app, ['read', 'events:write'])
    const body = { target_type: 'alert', target_id: 'A-1', team: 'field-east', reason: 'r', action: 'a' }
    expect((await api('POST', '/supervisions', viewer, body)).statusCode).toBe(403)
    expect((await api('POST', '/supervisions', program, body)).statusCode).toBe(403)
    expect((await api('POST', `/supervisions/${first}/close`, viewer, { outcome: 'accepted' })).statusCode).toBe(403)
    expect((await api('GET', '/supervisions', viewer)).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervisions' })).statusCode).toBe(401)
    const denied = await store.query<{ action: string }>(`SELECT action FROM audit_log WHERE outcome = 'denied'`)
    expect(denied.length).toBeGreaterThanOrEqual(3)
  })

  it('refuses an order on an unknown work order, to a team the territory does not have, and one whose team cannot be defaulted', async () => {
    const stranger = await api('POST', '/supervisions', officer, { target_type: 'alert', target_id: 'A-2', team: 'nobody', reason: 'r', action: 'a' })
    expect(stranger.statusCode).toBe(400)
    expect(stranger.json<{ accepted: string[] }>().accepted).toContain('field-east')
    const unknown = await api('POST', '/supervisions', officer, { target_type: 'workorder', target_id: 'W-none', reason: 'r', action: 'a' })
    expect(unknown.statusCode).toBe(404)
    const teamless = await api('POST', '/supervisions', officer, { target_type: 'alert', target_id: 'A-2', reason: 'r', action: 'a' })
    expect(teamless.statusCode).toBe(400)
  })
})

describe("the server's reading of the teams' answers", () => {
  it('reads a burst stored in one instant whole, and from a little before where it stopped after a restart', async () => {
    const storedAt = '2030-01-01 00:00:00.000'
    const rows = Array.from({ length: 2500 }, () => ({
      stored_at: storedAt, event_id: randomUUID(), type: 'supervision.received', supervision_id: 'SV-burst', occurred_at: storedAt, source: 'test', by: '', reply: '',
    }))
    await storage.client.insert({ table: 'supervision_inbox', values: rows, format: 'JSONEachRow' })
    const read = await new SupervisionInbox(storage.client, new Date(Date.parse('2030-01-01T00:00:00Z') - 60_000)).read()
    expect(new Set(read.map((a) => a.event_id)).size).toBe(2500)
    const again = new SupervisionInbox(storage.client, new Date('2030-01-01T00:00:00Z'))
    expect(await again.read()).toHaveLength(2500)
    expect(await again.read()).toHaveLength(2500)
    expect(await new SupervisionInbox(storage.client, new Date(Date.parse('2030-01-01T00:00:00Z') + 11_000)).read()).toEqual([])
  })
})
