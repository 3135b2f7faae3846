// Shift handovers against the real app (chDB, PGlite, the tick loop, the
// alert engine) on an injected clock that crosses the roster's boundaries:
// the night shift before 08:30 and the day shift 08:30–17:30 each have their
// own alerts, supervision orders and outages; the day shift's draft holds
// exactly its own (and the night's only where they were still open), its
// KPIs are the registry's formulas over its period; the outgoing lead hands
// over, may hand over again before the confirmation, the incoming lead
// confirms and the record is frozen (409 after, and the table refuses it);
// unconfirmed 30 minutes after the boundary, a log entry and an alert routed
// to the lead on duty (the incoming lead), once the center hands over at
// all (the night before the first record is not reminded). Times are fixed local hours
// yesterday: nothing depends on when the test runs.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertingFile } from '../schemas/alerting-config.ts'
import type { Handover, HandoverDraft } from '../schemas/handover.ts'
import type { LogEntry } from '../schemas/operations-log.ts'
import { eventually, openTestApp, territory, testConfig, type TestApp } from './server-harness.ts'
import { signedIn, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { WebhookServer } from './support/robots/webhook-server.ts'
import { sampleEvent } from './support/sample-events.ts'

const at = (hh: number, mm: number) => shanghaiTime(hh, mm, 1)
const [R1, R2, R3] = territory.regions.map((r) => r.code)
const SURGE = 'calls-surge'

let clock = at(6, 50)
let t: TestApp
let leadA: PersonCaller
let leadB: PersonCaller
let officer: PersonCaller
const hook = new WebhookServer()

function alertingFile(): string {
  const file: AlertingFile = {
    rules: [
      // Three offered calls in a region within 15 minutes: critical, at once; clear as soon as they leave the window.
      { id: SURGE, name: '进线突增', kind: 'kpi', severity: 'critical', kpi: 'calls_offered', window: '15m', scope: { region: '*' }, op: 'above', fire: 2, clear: 1, for: '0s', keep_firing_for: '0s' },
      { id: 'handover-unconfirmed', name: '交接班未确认', kind: 'entity', severity: 'warning', check: 'handover_unconfirmed' },
    ],
    receivers: [{ id: 'lead-hook', type: 'webhook', url: `${hook.url}/lead` }],
    // One group per shift, as in the default set: each reminder goes out at once.
    routes: [{ match: { rule: 'handover-unconfirmed' }, receivers: ['lead-hook'], group_by: ['rule', 'shift'], group_wait: '0s' }],
    roster: {
      shifts: [
        { id: 'day', name: '白班', start: '08:30', end: '17:30' },
        { id: 'night', name: '夜班', start: '17:30', end: '08:30' },
      ],
      teams: { a: { lead: 'lead-a', officers: ['officer-a'] }, b: { lead: 'lead-b', officers: [] } },
      rotation: { anchor: '2026-01-01', days: [{ day: 'a', night: 'b' }] },
    },
  }
  const path = join(mkdtempSync(join(tmpdir(), 'cc-handover-')), 'alerting.json')
  writeFileSync(path, JSON.stringify(file))
  return path
}

beforeAll(async () => {
  await hook.start()
  t = await openTestApp({ config: testConfig({ ALERTING_FILE: alertingFile(), SUPERVISION_CHECK_MS: '600000', SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' }), now: () => new Date(clock) })
  ;[leadA, leadB, officer] = await Promise.all([
    signedIn(t.app, 'lead', { username: 'lead-a' }),
    signedIn(t.app, 'lead', { username: 'lead-b' }),
    signedIn(t.app, 'officer', { username: 'officer-a' }),
  ])
  // Outages: one of the night (started and restored before 08:30), one of the day (still on at 17:30).
  await stored([
    sampleEvent('outage.started', at(6, 0), { outage_id: 'O-NIGHT', region: R1, customers_affected: 120, key_customers_affected: 0 }),
    sampleEvent('outage.restored', at(7, 30), { outage_id: 'O-NIGHT', region: R1 }),
    sampleEvent('outage.started', at(10, 0), { outage_id: 'O-DAY', region: R2, customers_affected: 300, key_customers_affected: 0 }),
  ])
})
afterAll(async () => {
  await t?.close()
  await hook.close()
})

async function stored(events: object[]): Promise<void> {
  const submission = await t.pipeline.submit(events.map((input) => ({ input, source: 'test' })))
  expect(submission.results.every((r) => r.ok)).toBe(true)
  await t.pipeline.flush()
  await submission.durable
}

const calls = (region: string, when: number) =>
  stored([1, 2, 3].map((n) => sampleEvent('call.offered', when, { call_id: `C-${region}-${when}-${n}`, region })))

const surge = (region: string) => t.app.alerts.current().find((a) => a.rule_id === SURGE && a.labels.region === region)

/** Moves the clock and waits until the engine has judged a tick at the new time. */
async function moveTo(when: number, settled: () => boolean, what: string): Promise<void> {
  clock = when
  await eventually(settled, 15_000, what)
}

const api = async <T>(method: 'GET' | 'POST', url: string, who: PersonCaller, payload?: object) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) })
  return { status: res.statusCode, body: res.json<T>() }
}

let nightOrder: string
let dayOrder: string

describe('a day of shifts on an injected clock', () => {
  it('the night shift: an alert fired and cleared, an order issued', async () => {
    await calls(R1, at(6, 49))
    await moveTo(at(6, 52), () => surge(R1)?.state === 'firing', 'the night alert')
    clock = at(7, 20)
    const issued = await api<{ id: string }>('POST', '/supervisions', officer, { target_type: 'outage', target_id: 'O-NIGHT', team: 'field-east', reason: '停电客户集中来电', action: '报送复电时间' })
    expect(issued.status).toBe(201)
    nightOrder = issued.body.id
    await moveTo(at(7, 25), () => surge(R1)?.state === 'resolved', 'the night alert clearing')
  })

  it('the day shift: alerts fired, acknowledged, cleared and open, an order, an officer’s entry', async () => {
    await calls(R2, at(8, 59))
    await moveTo(at(9, 0), () => surge(R2)?.state === 'firing', 'the morning alert')
    clock = at(9, 5)
    expect((await api('POST', `/alerts/${surge(R2)!.id}/ack`, officer, { comment: '已通知调度' })).status).toBe(200)
    await moveTo(at(9, 30), () => surge(R2)?.state === 'resolved', 'the morning alert clearing')
    clock = at(10, 10)
    const issued = await api<{ id: string }>('POST', '/supervisions', officer, { target_type: 'outage', target_id: 'O-DAY', team: 'field-east', reason: '故障停电超过两小时', action: '说明抢修进度' })
    expect(issued.status).toBe(201)
    dayOrder = issued.body.id
    clock = at(11, 0)
    expect((await api('POST', '/log', officer, { text: '110千伏变电站跳闸，已通知抢修', category: 'outage', target_type: 'outage', target_id: 'O-DAY' })).status).toBe(201)
    await calls(R3, at(17, 19))
    await moveTo(at(17, 20), () => surge(R3)?.state === 'firing', 'the evening alert')
  })

  it('drafts the day shift at its boundary with exactly its own alerts, orders, outages and KPIs', async () => {
    clock = at(17, 31)
    const { status, body } = await api<HandoverDraft>('GET', '/handovers/draft', leadA)
    expect(status).toBe(200)
    const d = body.draft
    expect(body.handover).toBeNull()
    expect(d.shift).toMatchObject({ id: 'day', name: '白班', starts_at: new Date(at(8, 30)).toISOString(), ends_at: new Date(at(17, 30)).toISOString() })
    expect(d.period).toEqual({ from: new Date(at(8, 30)).toISOString(), to: new Date(at(17, 30)).toISOString() })
    expect(d).toMatchObject({ team: 'a', outgoing_lead: 'lead-a', incoming: { team: 'b', lead: 'lead-b' } })

    const surges = d.alerts.items.filter((a) => a.rule_name === '进线突增')
    expect(surges.map((a) => [a.region, a.fired_in_period, a.acknowledged_in_period, a.resolved_in_period, a.open_at_end]).sort()).toEqual([
      [R2, true, true, true, false],
      [R3, true, false, false, true],
    ])
    expect(d.alerts.items.some((a) => a.region === R1)).toBe(false)

    expect(d.outages.items.map((o) => [o.outage_id, o.started_in_period, o.restored_in_period, o.active_at_end])).toEqual([['O-DAY', true, false, true]])
    expect(d.outages.counts).toEqual({ started: 1, restored: 0, active: 1 })

    // The night's order is still open: carried over, not issued in the day.
    const orders = Object.fromEntries(d.supervisions.items.map((o) => [o.id, o]))
    expect(orders[dayOrder]).toMatchObject({ issued_in_period: true, open_at_end: true, overdue_at_end: true })
    expect(orders[nightOrder]).toMatchObject({ issued_in_period: false, open_at_end: true })
    expect(d.supervisions.counts).toMatchObject({ issued: 1, open: 2, closed: 0 })

    // The KPIs are the registry's over the shift's period: the night's three calls are not counted.
    const kpi = Object.fromEntries(d.kpis.map((k) => [k.id, k]))
    expect(kpi.calls_offered.value).toBe(6)
    expect(kpi.service_level).toMatchObject({ value: null, target: 0.8, status: 'none' })
    expect(d.kpis.some((k) => k.id === 'queue_now')).toBe(false)

    // No shift was ever handed over: the center does not use handovers yet, and nobody is reminded of the night's.
    expect(t.app.alerts.current().filter((a) => a.rule_id === 'handover-unconfirmed')).toEqual([])
    expect(d.log.filter((e) => e.kind === 'handover.unconfirmed')).toEqual([])

    const texts = d.log.map((e) => e.text)
    expect(texts).toContain('110千伏变电站跳闸，已通知抢修')
    expect(texts.filter((x) => x.startsWith('告警触发') && x.includes('进线突增'))).toHaveLength(2)
    expect(d.log.every((e) => Date.parse(e.at) >= at(8, 30) && Date.parse(e.at) < at(17, 30))).toBe(true)
  })

  let handover: Handover

  it('is handed over by the outgoing lead, and again with new notes before the confirmation', async () => {
    clock = at(17, 40)
    expect((await api('POST', '/handovers', officer, { notes: 'x' })).status).toBe(403)
    const first = await api<Handover>('POST', '/handovers', leadA, { notes: '变电站抢修未完' })
    expect(first.status).toBe(201)
    handover = first.body
    expect(handover).toMatchObject({ shift: { id: 'day' }, notes: '变电站抢修未完', handed_over: { by: 'lead-a' }, confirmed: null, incoming_lead: 'lead-b' })
    expect(handover.content.period.to).toBe(new Date(at(17, 30)).toISOString())
    expect(handover.content.alerts.counts.fired).toBe(handover.content.alerts.items.filter((a) => a.fired_in_period).length)
    clock = at(17, 45)
    const again = await api<Handover>('POST', '/handovers', leadA, { notes: '变电站抢修未完，O-DAY 预计 19:00 复电' })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(handover.id)
    expect(again.body.handed_over.at).toBe(new Date(at(17, 45)).toISOString())
    const draft = await api<HandoverDraft>('GET', '/handovers/draft', leadB)
    expect(draft.body.handover).toMatchObject({ id: handover.id, notes: '变电站抢修未完，O-DAY 预计 19:00 复电' })
  })

  it('unconfirmed 30 minutes after the boundary: one log entry and an alert to the incoming lead', async () => {
    await moveTo(at(18, 1), () => t.app.alerts.current().some((a) => a.rule_id === 'handover-unconfirmed' && a.labels.shift?.endsWith('/day') && a.state === 'firing'), 'the reminder alert')
    const alert = t.app.alerts.current().find((a) => a.rule_id === 'handover-unconfirmed' && a.labels.shift?.endsWith('/day'))!
    expect(alert.labels).toMatchObject({ incoming_lead: 'lead-b' })
    expect(alert.summary).toContain('待接班确认')
    await eventually(() => hook.requests.some((r) => JSON.stringify(r.json).includes(alert.fingerprint)), 15_000, 'the webhook message')
    const log = await api<{ items: LogEntry[] }>('GET', `/log?category=shift&target_id=${handover.id}`, officer)
    expect(log.body.items.filter((e) => e.kind === 'handover.unconfirmed')).toHaveLength(1)
    expect(log.body.items.find((e) => e.kind === 'handover.unconfirmed')!.text).toContain('lead-b')
  })

  it('is confirmed once by the incoming lead, then frozen: 409 for a second confirmation or a new hand-over, and the table refuses edits', async () => {
    clock = at(18, 5)
    const self = await api<{ code: string }>('POST', `/handovers/${handover.id}/confirm`, leadA)
    expect([self.status, self.body.code]).toEqual([409, 'same_person'])
    const ok = await api<Handover>('POST', `/handovers/${handover.id}/confirm`, leadB)
    expect(ok.status).toBe(200)
    expect(ok.body.confirmed).toMatchObject({ by: 'lead-b', at: new Date(at(18, 5)).toISOString() })
    const twice = await api<{ code: string; message: string }>('POST', `/handovers/${handover.id}/confirm`, leadB)
    expect([twice.status, twice.body.code]).toEqual([409, 'confirmed'])
    expect((await api('POST', '/handovers', leadA, { notes: 'late addition' })).status).toBe(409)
    await expect(t.store.query(`UPDATE handovers SET notes = 'edited' WHERE id = $1`, [handover.id])).rejects.toThrow(/frozen/)
    const list = await api<{ items: Handover[] }>('GET', `/handovers?since=${new Date(at(0, 0)).toISOString()}`, officer)
    expect(list.body.items.map((h) => [h.id, h.notes, h.confirmed?.by])).toEqual([[handover.id, '变电站抢修未完，O-DAY 预计 19:00 复电', 'lead-b']])
    await eventually(() => !t.app.alerts.current().some((a) => a.rule_id === 'handover-unconfirmed' && a.labels.shift?.endsWith('/day') && a.state !== 'resolved'), 15_000, 'the reminder alert clearing')
  })

  it('audits and logs each step', async () => {
    const audit = await t.store.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE action LIKE 'handover.%' ORDER BY id`)
    expect(audit).toEqual([
      { action: 'handover.hand_over', actor: 'lead-a' },
      { action: 'handover.update', actor: 'lead-a' },
      { action: 'handover.confirm', actor: 'lead-b' },
    ])
    const log = await api<{ items: LogEntry[] }>('GET', `/log?target_id=${handover.id}`, officer)
    expect(log.body.items.map((e) => e.kind)).toEqual(['handover.confirmed', 'handover.unconfirmed', 'handover.handed_over', 'handover.handed_over'])
  })
})
