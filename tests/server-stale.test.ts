// Staleness: a screen must never show old numbers as if they were current.
// ClickHouse is made to fail for real (a rollup table the tick reads is
// renamed away mid-run, then back): snapshots keep their last values with
// `stale` set, pushed to screens, the cause is logged once, and the first
// good tick clears it. Old or missing data marks a snapshot stale too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KPI_IDS } from '../schemas/kpis.ts'
import { buildApp } from '../server/app.ts'
import type { Snapshot } from '../schemas/snapshot.ts'
import { capturingLogger, eventually, openTestServer, Screen, territory, testConfig, type TestServer } from './server-harness.ts'
import { withToken } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'

let t: TestServer
const log = capturingLogger()
let screen: Screen
const ERROR = 50

const failureLines = () => log.lines.filter((l) => l.level === ERROR && l.msg.startsWith('KPI tick failed'))
const recoveryLines = () => log.lines.filter((l) => l.msg.startsWith('KPI tick: computations succeed again'))

beforeAll(async () => {
  t = await openTestServer({ logger: log.logger })
  screen = new Screen(t.server.url, { caller: t.program })
  await screen.until(() => screen.state !== undefined, 10_000, 'the first snapshot')
})
afterAll(async () => {
  screen.close()
  await t.close()
})

describe('stale snapshots', () => {
  it('are stale while no event has been stored', async () => {
    expect(screen.state!.watermark).toBeNull()
    expect(screen.state!.stale?.reason).toBe('no events stored yet')
  })

  it('clear once fresh events arrive', async () => {
    const events = Array.from({ length: 4 }, (_, i) => sampleEvent('call.offered', Date.now() - 1000, { call_id: `S-${i}` }))
    await t.pipeline.submit(events.map((e) => ({ input: e, source: 'test' })))
    await t.pipeline.flush()
    await screen.until(() => screen.state!.stale === null && screen.state!.windows['15m'].calls_offered.value === 4, 10_000, 'fresh data')
  })

  it('keep the last figures with the cause when ClickHouse fails, logged once', async () => {
    const good = screen.state!
    await t.storage.client.command({ query: 'RENAME TABLE kpi_calls_1m TO kpi_calls_1m_away' })
    try {
      await screen.until(() => screen.state!.stale !== null, 10_000, 'stale pushed to the screen')
      const stale = screen.state!.stale!
      expect(stale.reason).toMatch(/^KPI computation failing: /)
      expect(stale.reason).toContain('kpi_calls_1m')
      // The figures are the last good ones, with the time they were computed.
      expect(screen.state!.windows).toEqual(good.windows)
      expect(screen.state!.computed_at).toBe(good.computed_at)
      const fromRest = (await (await fetch(`${t.server.url}/api/v1/snapshot`, { headers: t.program.headers })).json()) as Snapshot
      expect(fromRest.stale).toEqual(stale)
      // Many failed ticks, one log line, one stale delta. (Counted in ticks,
      // not in seconds: a tick over every region takes longer on a busy machine.)
      const deltasWhenStale = screen.deltas.length
      const failedTicks = async () => {
        const metrics = await (await fetch(`${t.server.url}/metrics`, { headers: t.program.headers })).text()
        return Number(/^cc_kpi_ticks_failed_total (\d+)$/m.exec(metrics)?.[1])
      }
      const failedAtStale = await failedTicks()
      await eventually(async () => (await failedTicks()) >= failedAtStale + 3, 20_000, 'three more failed ticks')
      expect(failureLines()).toHaveLength(1)
      expect(screen.deltas.length).toBe(deltasWhenStale)
      expect(screen.state!.stale).toEqual(stale)
      expect((await fetch(`${t.server.url}/readyz`)).status).toBe(503)
    } finally {
      await t.storage.client.command({ query: 'RENAME TABLE kpi_calls_1m_away TO kpi_calls_1m' })
    }
    await screen.until(() => screen.state!.stale === null, 10_000, 'stale cleared')
    expect(screen.state!.windows['15m'].calls_offered.value).toBe(4)
    expect(Date.parse(screen.state!.computed_at)).toBeGreaterThan(Date.parse(good.computed_at))
    await eventually(() => recoveryLines().length === 1, 5000, 'the recovery logged')
    expect(failureLines()).toHaveLength(1)
    await eventually(async () => (await fetch(`${t.server.url}/readyz`)).status === 200, 5000, 'ready again')
  })

  it('give a screen that joins during a failure every KPI, marked stale', async () => {
    await t.storage.client.command({ query: 'RENAME TABLE kpi_calls_1m TO kpi_calls_1m_away' })
    const late = new Screen(t.server.url, { caller: t.program, subscribeOnConnect: { region: 'D03' } })
    try {
      // Every region is computed each tick (the alert rules compare them): the
      // screen gets D03's last good figures, marked stale once a tick fails.
      await late.until(() => late.state?.region === 'D03' && late.state.stale !== null, 10_000, 'the D03 snapshot, stale')
      expect(late.state!.stale?.reason).toMatch(/^KPI computation failing: /)
      expect(Object.keys(late.state!.windows['60m']).sort()).toEqual([...KPI_IDS].sort())
    } finally {
      late.close()
      await t.storage.client.command({ query: 'RENAME TABLE kpi_calls_1m_away TO kpi_calls_1m' })
    }
    await screen.until(() => screen.state!.stale === null, 10_000, 'stale cleared')
  })

  it('are stale when the newest event is older than STALE_AFTER_SECONDS', async () => {
    const later = await buildApp({
      storage: t.storage,
      store: t.store,
      config: testConfig({ STALE_AFTER_SECONDS: '30' }),
      territory,
      sink: t.pipeline,
      now: () => new Date(Date.now() + 45_000),
    })
    try {
      const reader = await withToken(later, ['read'])
      const snapshot = (await later.inject({ url: '/api/v1/snapshot', headers: reader.headers })).json<Snapshot>()
      expect(snapshot.stale?.reason).toMatch(/^no new events for more than 30 s \(newest at .*\)$/)
      expect(Date.parse(snapshot.stale!.since)).toBe(Date.parse(snapshot.watermark!) + 30_000)
    } finally {
      await later.close()
    }
  })
})
