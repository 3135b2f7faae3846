// The operations log against the real app (chDB, PGlite, the tick loop and
// the alert engine) on an injected clock: an officer writes an entry
// (audited; viewers may not; a bad body is a 400), the system writes its
// own when an alert fires and is acknowledged and when a supervision order
// is issued; search by words (a Chinese word too, wildcards taken
// literally), category, entity and time, newest first and paged; CSV and
// XLSX exports of the same search; every new entry reaches people's screens
// over the socket (`log`), never a wall's.
import readXlsxFile from 'read-excel-file/node'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertingFile } from '../schemas/alerting-config.ts'
import type { LogEntry } from '../schemas/operations-log.ts'
import { eventually, openTestServer, testConfig, type ScreenSocket, type TestServer } from './server-harness.ts'
import { pairedDisplay, signedIn, type Caller, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { sampleEvent } from './support/sample-events.ts'
import { queryRows } from './support/temp-storage.ts'

const MIN = 60_000
const START = shanghaiTime(10, 0, 1)
let clock = START
let t: TestServer
let app: TestServer['server']['app']
let viewer: PersonCaller
let officer: PersonCaller
let screen: ScreenSocket
let wall: ScreenSocket
const heard: LogEntry[] = []
const wallHeard: LogEntry[] = []

interface Page {
  total: number
  items: LogEntry[]
}

function alertingFile(): string {
  const file: AlertingFile = {
    rules: [{ id: 'calls-surge', name: '进线突增', kind: 'kpi', severity: 'critical', kpi: 'calls_offered', window: '15m', scope: { region: '*' }, op: 'above', fire: 2, clear: 1, for: '0s' }],
  }
  const path = join(mkdtempSync(join(tmpdir(), 'cc-oplog-')), 'alerting.json')
  writeFileSync(path, JSON.stringify(file))
  return path
}

beforeAll(async () => {
  t = await openTestServer({ config: testConfig({ ALERTING_FILE: alertingFile(), SUPERVISION_CHECK_MS: '600000', SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' }), now: () => new Date(clock) })
  app = t.server.app
  // The screens' handshakes come from the server's own origin.
  ;[viewer, officer] = await Promise.all([signedIn(app, 'viewer', { origin: t.server.url }), signedIn(app, 'officer', { username: 'officer-li' })])
  const display = await pairedDisplay(app, { origin: t.server.url })
  screen = connect(t.server.url, { transports: ['websocket'], ...viewer.socket })
  wall = connect(t.server.url, { transports: ['websocket'], ...display.socket })
  screen.on('log', (e) => heard.push(e))
  wall.on('log', (e) => wallHeard.push(e))
  await eventually(() => screen.connected && wall.connected, 10_000, 'the sockets')
})
afterAll(async () => {
  screen?.close()
  wall?.close()
  await t?.close()
})

const api = async <T>(method: 'GET' | 'POST', url: string, who: Caller, payload?: object) => {
  const res = await app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) })
  const json = String(res.headers['content-type'] ?? '').includes('json')
  return { status: res.statusCode, body: (json ? res.json<T>() : undefined) as T, raw: res.rawPayload, headers: res.headers }
}
const search = async (query: string) => (await api<Page>('GET', `/log?${query}`, viewer)).body

describe('entries people write', () => {
  it('lets an officer write one, audited, and tells people’s screens, not walls', async () => {
    const res = await api<LogEntry>('POST', '/log', officer, { text: '  110千伏城东变电站跳闸，已通知抢修  ', category: 'outage', target_type: 'outage', target_id: 'O-77' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ text: '110千伏城东变电站跳闸，已通知抢修', category: 'outage', target_type: 'outage', target_id: 'O-77', author: 'officer-li', kind: null, notable: true, at: new Date(START).toISOString() })
    await eventually(() => heard.some((e) => e.id === res.body.id), 10_000, 'the socket event')
    const [audit] = await t.store.query<{ actor: string; action: string }>(`SELECT actor, action FROM audit_log WHERE action = 'log.write'`)
    expect(audit).toEqual({ actor: 'officer-li', action: 'log.write' })
  })

  it('refuses viewers, a bad category, an empty text and a target without its type', async () => {
    expect((await api('POST', '/log', viewer, { text: 'x', category: 'note' })).status).toBe(403)
    expect((await api('POST', '/log', officer, { text: 'x', category: 'gossip' })).status).toBe(400)
    expect((await api('POST', '/log', officer, { text: '   ', category: 'note' })).status).toBe(400)
    const half = await api<{ message: string }>('POST', '/log', officer, { text: 'x', category: 'note', target_id: 'W-1' })
    expect(half.status).toBe(400)
    expect(half.body.message).toContain('target_type and target_id')
  })
})

describe('entries the system writes', () => {
  it('logs an alert firing and its acknowledgement', async () => {
    clock = START + 5 * MIN
    const calls = [1, 2, 3].map((n) => sampleEvent('call.offered', clock - MIN, { call_id: `LOG-${n}`, region: 'D05' }))
    const submission = await t.pipeline.submit(calls.map((input) => ({ input, source: 'test' })))
    await t.pipeline.flush()
    await submission.durable
    await eventually(async () => (await search('category=alert')).items.some((e) => e.kind === 'alert.firing'), 15_000, 'the firing entry')
    const alert = app.alerts.current().find((a) => a.rule_id === 'calls-surge')!
    const fired = (await search(`target_id=${alert.id}`)).items
    expect(fired).toHaveLength(1)
    expect(fired[0]).toMatchObject({ author: 'system', category: 'alert', target_type: 'alert', notable: true })
    expect(fired[0].text).toContain('进线突增')
    clock = START + 6 * MIN
    expect((await api('POST', `/alerts/${alert.id}/ack`, officer, { comment: '已联系调度' })).status).toBe(200)
    await eventually(async () => (await search(`target_id=${alert.id}`)).items.length === 2, 10_000, 'the acknowledgement entry')
    const [ack] = (await search(`target_id=${alert.id}`)).items
    expect(ack).toMatchObject({ kind: 'alert.acknowledged', notable: false })
    expect(ack.text).toContain('已联系调度')
  })

  it('logs a supervision order issued', async () => {
    clock = START + 10 * MIN
    const submission = await t.pipeline.submit([{ input: sampleEvent('outage.started', START, { outage_id: 'O-77', region: 'D05' }), source: 'test' }])
    await t.pipeline.flush()
    await submission.durable
    const order = await api<{ id: string }>('POST', '/supervisions', officer, { target_type: 'outage', target_id: 'O-77', team: 'field-east', reason: '重要客户停电', action: '报送复电时间' })
    expect(order.status).toBe(201)
    await eventually(async () => (await search(`target_id=${order.body.id}`)).total === 1, 10_000, 'the supervision entry')
    const [entry] = (await search(`target_id=${order.body.id}`)).items
    expect(entry).toMatchObject({ category: 'supervision', kind: 'supervision.issued', author: 'system', target_type: 'supervision' })
    expect(entry.text).toContain('field-east')
  })
})

describe('searching the log', () => {
  it('finds a Chinese word, every word of a query, any case, wildcards taken literally', async () => {
    clock = START + 11 * MIN
    expect((await api('POST', '/log', officer, { text: 'Feeder F-12 back at 100% load_test', category: 'note' })).status).toBe(201)
    expect((await search(`q=${encodeURIComponent('跳闸')}`)).items.map((e) => e.text)).toEqual(['110千伏城东变电站跳闸，已通知抢修'])
    expect((await search(`q=${encodeURIComponent('变电站 抢修')}`)).total).toBe(1)
    expect((await search(`q=${encodeURIComponent('变电站 复电')}`)).total).toBe(0)
    expect((await search('q=FEEDER')).total).toBe(1)
    expect((await search(`q=${encodeURIComponent('100%')}`)).total).toBe(1)
    expect((await search(`q=${encodeURIComponent('%')}`)).items.map((e) => e.text)).toEqual(['Feeder F-12 back at 100% load_test'])
    expect((await search('q=F_12')).total).toBe(0)
    // The author and the entity's id are searched too.
    const byName = (await search('q=officer-li')).items
    expect(byName.filter((e) => e.author === 'officer-li')).toHaveLength(2)
    expect(byName.every((e) => e.author === 'officer-li' || e.text.includes('officer-li'))).toBe(true)
    expect((await search('q=O-77')).items.map((e) => e.category).sort()).toEqual(['outage', 'supervision'])
  })

  it('filters by category, entity and time, newest first, a page at a time', async () => {
    const all = await search('limit=500')
    expect(all.items.map((e) => Date.parse(e.at))).toEqual([...all.items.map((e) => Date.parse(e.at))].sort((a, b) => b - a))
    expect((await search('category=note')).items.map((e) => e.text)).toEqual(['Feeder F-12 back at 100% load_test'])
    expect((await search('target_id=O-77')).items.map((e) => e.author)).toEqual(['officer-li'])
    const since = new Date(START + 5 * MIN).toISOString()
    const until = new Date(START + 10 * MIN).toISOString()
    const window = await search(`since=${since}&until=${until}`)
    expect(window.items.map((e) => e.kind)).toEqual(['alert.acknowledged', 'alert.firing'])
    const page = await search('limit=2&offset=1')
    expect(page).toMatchObject({ total: all.total, limit: 2, offset: 1 })
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(1, 3).map((e) => e.id))
    expect((await api('GET', `/log?since=${until}&until=${since}`, viewer)).status).toBe(400)
    expect((await api('GET', '/log?category=gossip', viewer)).status).toBe(400)
  })

  it('exports the same search as CSV and XLSX', async () => {
    const csv = await api('GET', `/log/export?q=${encodeURIComponent('跳闸')}&format=csv`, viewer)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['x-total-count']).toBe('1')
    const text = csv.raw.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('id,at,category,text,target_type,target_id,author,author_name,kind,notable')
    expect(lines[1]).toContain(',outage,110千伏城东变电站跳闸，已通知抢修,outage,O-77,officer-li,')
    const xlsx = await api('GET', '/log/export?category=alert&format=xlsx', viewer)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const [sheet] = await readXlsxFile(xlsx.raw)
    expect(sheet.data[0]).toEqual(['id', 'at', 'category', 'text', 'target_type', 'target_id', 'author', 'author_name', 'kind', 'notable'])
    expect(sheet.data.slice(1).map((r) => r[8])).toEqual(['alert.acknowledged', 'alert.firing'])
  })

  it('reached people’s screens entry by entry, and no wall', async () => {
    const total = (await search('limit=1')).total
    await eventually(() => heard.length === total, 10_000, 'every entry on the socket')
    expect(wallHeard).toEqual([])
  })

  it('is copied to ClickHouse for analysis, whole and once', async () => {
    const { total } = await search('limit=1')
    const copied = async () => (await queryRows<{ n: string; ids: string }>(t.storage, 'SELECT count() AS n, uniqExact(id) AS ids FROM operations_log FINAL'))[0]
    await eventually(async () => Number((await copied()).n) === total, 15_000, 'the copy')
    expect(Number((await copied()).ids)).toBe(total)
    const [entry] = await queryRows<{ text: string; category: string }>(t.storage, `SELECT text, category FROM operations_log FINAL WHERE text LIKE '%跳闸%'`)
    expect(entry).toEqual({ text: '110千伏城东变电站跳闸，已通知抢修', category: 'outage' })
  })
})
