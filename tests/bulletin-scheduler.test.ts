// The bulletins' scheduler on the app's clock, set by the test: the daily
// bulletin is made once at its time and pushed once to the receiver routed
// for `kind: bulletin` (a local webhook, through the notification pipeline),
// not again on later passes nor after a restart over the same stores; a
// bulletin a stopped process made but did not push is pushed on the next
// start, once. And which period is due when, on the local calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Bulletin } from '../schemas/bulletins.ts'
import { buildApp } from '../server/app.ts'
import { lastDue, periodStarting } from '../server/bulletins/bulletin-periods.ts'
import { eventually, territory, testConfig, testPipeline } from './server-harness.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { WebhookServer } from './support/robots/webhook-server.ts'
import { openTempStorage } from './support/temp-storage.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const MIN = 60_000
const DAY_MS = 24 * 60 * MIN
const TZ = 'Asia/Shanghai'
/** 07:59 yesterday, local: the daily bulletin falls due a minute later. */
const START = shanghaiTime(7, 59, 1)
const localDay = (ms: number) => new Date(ms + 8 * 60 * MIN).toISOString().slice(0, 10)

describe('which period is due when', () => {
  const due = (kind: 'daily' | 'weekly', at: number, weekday?: number, minute = 8 * 60) => lastDue(kind, { minute, weekday }, at, TZ)

  it('daily: the day before, from its time on', () => {
    expect(due('daily', START).period.start).toBe(localDay(START - 2 * DAY_MS))
    expect(due('daily', START + MIN)).toMatchObject({ dueAt: START + MIN, period: { start: localDay(START - DAY_MS), end: localDay(START - DAY_MS) } })
    const p = due('daily', START + MIN).period
    expect(p.hi - p.lo).toBe(DAY_MS)
    expect(localDay(p.lo)).toBe(p.start)
  })

  it('weekly: the previous Monday–Sunday, from its weekday and time on', () => {
    const mondayNine = (() => {
      const d = new Date(START + 8 * 60 * MIN)
      const back = (d.getUTCDay() + 6) % 7
      return shanghaiTime(9, 0, 1 + back)
    })()
    const at = due('weekly', mondayNine, 1, 9 * 60)
    expect(at.dueAt).toBe(mondayNine)
    expect(at.period).toMatchObject({ start: localDay(mondayNine - 7 * DAY_MS), end: localDay(mondayNine - DAY_MS), lo: mondayNine - 9 * 60 * MIN - 7 * DAY_MS })
    expect(due('weekly', mondayNine - MIN, 1, 9 * 60).period.start).toBe(localDay(mondayNine - 14 * DAY_MS))
    // Due on a Wednesday: still the last whole Monday–Sunday.
    expect(due('weekly', mondayNine + 2 * DAY_MS, 3, 9 * 60).period.start).toBe(at.period.start)
    expect(() => periodStarting('weekly', { year: 2026, month: 12, day: 1 }, TZ)).toThrow(/Monday/)
  })
})

describe('the scheduler', () => {
  let storage: Awaited<ReturnType<typeof openTempStorage>>
  let store: TempStore
  let pipeline: ReturnType<typeof testPipeline>
  let app: FastifyInstance
  let clock = START
  const hook = new WebhookServer()
  let file = ''

  const open = async () => {
    const a = await buildApp({
      storage, store, territory, sink: pipeline, now: () => new Date(clock),
      // The scheduler's own timer stays out of the way: the test runs each pass.
      config: testConfig({ ALERTING_FILE: file, BULLETIN_DAILY_AT: '08:00', BULLETIN_CHECK_MS: '3600000' }),
    })
    await a.ready()
    return a
  }
  const pushes = () => hook.requests.map((r) => (r.json as { alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }> }).alerts[0])
  const audited = async (action: string) => (await store.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = $1 ORDER BY id`, [action])).map((r) => r.target)

  beforeAll(async () => {
    await hook.start()
    ;[storage, store] = await Promise.all([openTempStorage(), openTempStore()])
    pipeline = testPipeline(storage)
    file = join(mkdtempSync(join(tmpdir(), 'cc-bulletin-scheduler-')), 'alerting.json')
    writeFileSync(file, JSON.stringify({
      rules: [],
      receivers: [{ id: 'leads-hook', type: 'webhook', url: `${hook.url}/leads` }],
      routes: [{ match: { kind: 'bulletin' }, receivers: ['leads-hook'] }],
    }))
    app = await open()
  }, 60_000)

  afterAll(async () => {
    await app?.close()
    await pipeline?.stop()
    await storage?.destroy()
    await store?.destroy()
    await hook.close()
  })

  const yesterday = localDay(START - DAY_MS)
  const dayBefore = localDay(START - 2 * DAY_MS)

  it('makes the one it missed at start, then the next at its time, each pushed once with a link to its page', async () => {
    await app.bulletins.scheduler.check()
    expect(await audited('bulletin.generate')).toEqual([`daily-${dayBefore}`])
    clock = START + MIN
    await app.bulletins.scheduler.check()
    expect(await audited('bulletin.generate')).toEqual([`daily-${dayBefore}`, `daily-${yesterday}`])
    await eventually(() => hook.requests.length === 2, 10_000, 'two pushes')
    expect(pushes().map((p) => p.labels)).toEqual([
      { alertname: 'bulletin', kind: 'bulletin', bulletin: 'daily' },
      { alertname: 'bulletin', kind: 'bulletin', bulletin: 'daily' },
    ])
    expect(pushes()[1].annotations).toMatchObject({ summary: `日预警 ${yesterday}`, link: `/reports/daily-${yesterday}` })
    expect(pushes()[1].annotations.description).toMatch(/告警: 0 条/)
    const b = await app.bulletins.service.bulletins.get(`daily-${yesterday}`)
    expect(b?.pushed).toEqual({ at: new Date(START + MIN).toISOString(), receivers: ['leads-hook'] })
  })

  it('makes nothing more on later passes, nor after a restart', async () => {
    clock = START + 30 * MIN
    await app.bulletins.scheduler.check()
    await app.close()
    clock = START + 31 * MIN
    app = await open()
    await app.bulletins.scheduler.check()
    await app.bulletins.scheduler.check()
    expect(await audited('bulletin.generate')).toEqual([`daily-${dayBefore}`, `daily-${yesterday}`])
    expect(await audited('bulletin.push')).toEqual([`daily-${dayBefore}`, `daily-${yesterday}`])
    const rows = await store.query<{ id: string }>(`SELECT id FROM bulletins ORDER BY id`)
    expect(rows.map((r) => r.id)).toEqual([`daily-${dayBefore}`, `daily-${yesterday}`])
    expect(hook.requests).toHaveLength(2)
  })

  it('pushes, once, what a process stopped before pushing', async () => {
    const copy = (await app.bulletins.service.bulletins.get(`daily-${yesterday}`)) as Bulletin
    const earlier = localDay(START - 3 * DAY_MS)
    await app.bulletins.service.bulletins.insert({ ...copy, id: `daily-${earlier}`, period_start: earlier, period_end: earlier, pushed: null }, true)
    await app.bulletins.scheduler.check()
    await app.bulletins.scheduler.check()
    await eventually(() => hook.requests.length === 3, 10_000, 'the third push')
    expect(pushes()[2].annotations.link).toBe(`/reports/daily-${earlier}`)
    expect(await audited('bulletin.push')).toEqual([`daily-${dayBefore}`, `daily-${yesterday}`, `daily-${earlier}`])
  })
})
