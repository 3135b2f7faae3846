// The REST API over a real embedded ClickHouse: the snapshot, trend series,
// the territory, drill-down lists with their filters and paging, entity
// timelines, and the JSON errors a caller gets for a wrong request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KPI_IDS, WINDOWS } from '../schemas/kpis.ts'
import type { Snapshot } from '../schemas/snapshot.ts'
import { eventually, openTestApp, testConfig, type TestApp } from './server-harness.ts'
import { signedIn } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'

let t: TestApp
const MIN = 60_000
const now = Date.now()
const ago = (minutes: number) => now - minutes * MIN

const fixture = [
  // Overdue: a fault repair in the city must be on site within 45 min.
  sampleEvent('workorder.created', ago(60), { workorder_id: 'W-OVER', category: 'fault_repair', area_class: 'urban', region: 'D05' }),
  // At risk: 5 of its 45 minutes left (< 20%).
  sampleEvent('workorder.created', ago(40), { workorder_id: 'W-RISK', category: 'fault_repair', area_class: 'urban', region: 'D06' }),
  sampleEvent('workorder.created', ago(10), { workorder_id: 'W-OK', category: 'consultation', area_class: 'urban', region: 'D05' }),
  // Dispatched, rural: 90 min to arrive, 80 left.
  sampleEvent('workorder.created', ago(10), { workorder_id: 'W-DISP', category: 'fault_repair', area_class: 'rural', region: 'D01' }),
  sampleEvent('workorder.dispatched', ago(9), { workorder_id: 'W-DISP', team: 'field-east', region: 'D01' }),
  // A complaint's whole life, closed.
  sampleEvent('workorder.created', ago(120), { workorder_id: 'W-CLOSED', category: 'complaint', area_class: 'urban', region: 'D07' }),
  sampleEvent('workorder.contacted', ago(100), { workorder_id: 'W-CLOSED', region: 'D07' }),
  sampleEvent('workorder.resolved', ago(60), { workorder_id: 'W-CLOSED', region: 'D07' }),
  sampleEvent('workorder.callback', ago(30), { workorder_id: 'W-CLOSED', region: 'D07' }),
  sampleEvent('workorder.closed', ago(20), { workorder_id: 'W-CLOSED', region: 'D07' }),
  // An active fault outage past its ETR, and a restored planned one.
  sampleEvent('outage.started', ago(90), { outage_id: 'O-ACT', kind: 'fault', customers_affected: 800, etr: new Date(ago(30)).toISOString(), region: 'D05' }),
  sampleEvent('outage.notified', ago(200), { outage_id: 'O-REST', customers_notified: 300, region: 'D06' }),
  sampleEvent('outage.started', ago(100), { outage_id: 'O-REST', kind: 'planned', customers_affected: 300, region: 'D06' }),
  sampleEvent('outage.restored', ago(50), { outage_id: 'O-REST', region: 'D06' }),
  sampleEvent('agent.state', ago(30), { agent_id: 'A-1', team: 'cc-a', state: 'available' }),
  sampleEvent('agent.state', ago(20), { agent_id: 'A-2', team: 'cc-b', state: 'on_call' }),
  sampleEvent('agent.state', ago(10), { agent_id: 'A-3', team: 'cc-a', state: 'not_ready' }),
  sampleEvent('call.offered', ago(3), { call_id: 'C-1', queue: 'fault', region: 'D05' }),
  sampleEvent('call.offered', ago(2), { call_id: 'C-2', queue: 'fault', region: 'D05' }),
  sampleEvent('call.offered', ago(0.25), { call_id: 'C-3', queue: 'consult', region: 'D06' }),
]

async function get<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ url, headers: t.program.headers })
  return { status: res.statusCode, body: res.json<T>() }
}
const ids = (body: { items: Array<Record<string, unknown>> }, key: string) => body.items.map((i) => i[key]).sort()

beforeAll(async () => {
  // However long the start takes on a loaded machine, the fixture's newest
  // event (15 s old when it was made) must not make the snapshot stale.
  t = await openTestApp({ config: testConfig({ STALE_AFTER_SECONDS: '3600' }) })
  const submission = await t.pipeline.submit(fixture.map((e) => ({ input: e, source: 'test' })))
  expect(submission.results.every((r) => r.ok)).toBe(true)
  await t.pipeline.flush()
})
afterAll(async () => {
  await t.close()
})

describe('GET /api/v1/snapshot', () => {
  it('has every KPI id in every window, with target, status and comparisons', async () => {
    const { status, body } = await get<Snapshot>('/api/v1/snapshot')
    expect(status).toBe(200)
    for (const w of WINDOWS) {
      expect(Object.keys(body.windows[w]).sort()).toEqual([...KPI_IDS].sort())
      // A rate or an average also carries the volume it is taken over.
      for (const id of KPI_IDS) expect(Object.keys(body.windows[w][id]).filter((k) => k !== 'volume').sort()).toEqual(['last_week', 'status', 'target', 'value', 'yesterday'])
    }
    expect(body.region).toBeNull()
    expect(body.tick).toBeGreaterThan(0)
    expect(body.build).toBe('dev')
    expect(Date.parse(body.computed_at)).toBeGreaterThan(now - MIN)
  })

  it('counts what was ingested and carries the watermark of the newest event', async () => {
    const { body } = await get<Snapshot>('/api/v1/snapshot')
    expect(body.windows['15m'].calls_offered.value).toBe(3)
    expect(body.windows.today.outages_active.value).toBe(1)
    expect(body.windows['60m'].workorders_overdue_now.value).toBe(1)
    expect(body.windows['60m'].workorders_at_risk_now.value).toBe(1)
    expect(body.watermark).toBe(new Date(ago(0.25)).toISOString())
    expect(body.stale).toBeNull()
    expect(body.current.outages.map((o) => o.outage_id)).toEqual(['O-ACT'])
  })

  it('is the snapshot screens receive, field for field', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { body } = await get<Snapshot>('/api/v1/snapshot')
      const server = t.app.ticks.current(null)
      if (server?.tick !== body.tick) continue
      expect(body.current.workorders.overdue.length + body.current.outages.length).toBeGreaterThan(0)
      expect(body).toEqual(JSON.parse(JSON.stringify(server)))
      return
    }
    throw new Error('never caught the REST snapshot and the current one at the same tick')
  })

  it('narrows to a region', async () => {
    const { status, body } = await get<Snapshot>('/api/v1/snapshot?region=D05')
    expect(status).toBe(200)
    expect(body.region).toBe('D05')
    expect(body.windows['15m'].calls_offered.value).toBe(2)
  })

  it('refuses an unknown region with the codes it accepts', async () => {
    const { status, body } = await get<{ statusCode: number; code: string; message: string; accepted: string[] }>('/api/v1/snapshot?region=ZZ')
    expect(status).toBe(400)
    expect(body).toMatchObject({ statusCode: 400, code: 'bad_request' })
    expect(body.message).toContain('D01')
    expect(body.accepted).toContain('D12')
  })
})

describe('GET /api/v1/kpis', () => {
  it('lists every KPI definition', async () => {
    const { body } = await get<{ kpis: Array<{ id: string; label_zh: string }> }>('/api/v1/kpis')
    expect(body.kpis.map((k) => k.id)).toEqual([...KPI_IDS])
    expect(body.kpis.find((k) => k.id === 'abandonment_rate')?.label_zh).toBe('呼损率')
  })

  it('gives a series for today, yesterday and last week', async () => {
    type Series = { step: string; points: Array<{ at: string; today: number | null; yesterday: number | null }> }
    // How far back history reaches is looked at again within seconds of the first data.
    await eventually(async () => (await get<Series>('/api/v1/kpis/calls_offered/series?window=60m&step=5m')).body.points.some((p) => p.today !== null), 10_000, 'history known')
    const { status, body } = await get<Series>('/api/v1/kpis/calls_offered/series?window=60m&step=5m')
    expect(status).toBe(200)
    expect(body.step).toBe('5m')
    expect(body.points.length).toBeGreaterThanOrEqual(12)
    expect(body.points.reduce((sum, p) => sum + (p.today ?? 0), 0)).toBe(3)
    // Nothing was stored before today's events: yesterday has no data, which is not 0.
    expect(body.points.every((p) => p.yesterday === null)).toBe(true)
  })

  it('answers 404 with the list of ids for an unknown KPI', async () => {
    const { status, body } = await get<{ code: string; message: string; accepted: string[] }>('/api/v1/kpis/calls_dropped/series')
    expect(status).toBe(404)
    expect(body.code).toBe('unknown_kpi')
    expect(body.accepted).toEqual([...KPI_IDS])
  })

  it('refuses a series of a "now" KPI and a bad step', async () => {
    const now = await get<{ code: string }>('/api/v1/kpis/queue_now/series')
    expect(now.status).toBe(400)
    expect(now.body.code).toBe('not_a_series_kpi')
    const step = await get<{ code: string; accepted: string[] }>('/api/v1/kpis/calls_offered/series?step=2m')
    expect(step.status).toBe(400)
    expect(step.body.accepted).toEqual(['1m', '5m', '15m', '1h'])
  })
})

describe('GET /api/v1/territory', () => {
  it('gives regions, queues, teams and the map', async () => {
    const { body } = await get<{
      regions: Array<Record<string, unknown>>
      queues: unknown[]
      teams: unknown[]
      geojson: { features: unknown[] }
      time_zone: string
    }>('/api/v1/territory')
    expect(body.regions).toHaveLength(12)
    expect(Object.keys(body.regions[0]).sort()).toEqual(['area_class', 'code', 'customers', 'name_en', 'name_zh'])
    expect(body.queues.length).toBeGreaterThan(0)
    expect(body.teams.length).toBeGreaterThan(0)
    expect(body.geojson.features).toHaveLength(12)
    expect(body.time_zone).toBe('Asia/Shanghai')
  })
})

type Page = { total: number; limit: number; offset: number; items: Array<Record<string, unknown>> }

describe('GET /api/v1/workorders', () => {
  it('lists every order, the most urgent first', async () => {
    const { body } = await get<Page>('/api/v1/workorders')
    expect(body.total).toBe(5)
    expect(body.items.map((i) => i.workorder_id).slice(0, 2)).toEqual(['W-OVER', 'W-RISK'])
    const over = body.items[0]
    expect(over).toMatchObject({ overdue: true, at_risk: false, milestone: 'arrived', status: 'created', region: 'D05' })
    expect(over.due_at).toBe(new Date(ago(60) + 45 * MIN).toISOString())
  })

  it('filters overdue and at risk, agreeing with the snapshot', async () => {
    const overdue = await get<Page>('/api/v1/workorders?overdue=true')
    expect(ids(overdue.body, 'workorder_id')).toEqual(['W-OVER'])
    const atRisk = await get<Page>('/api/v1/workorders?at_risk=true')
    expect(ids(atRisk.body, 'workorder_id')).toEqual(['W-RISK'])
    const snap = await get<Snapshot>('/api/v1/snapshot')
    expect(snap.body.windows['15m'].workorders_overdue_now.value).toBe(overdue.body.total)
    expect(snap.body.windows['15m'].workorders_at_risk_now.value).toBe(atRisk.body.total)
  })

  it('filters open, status, category and region', async () => {
    expect((await get<Page>('/api/v1/workorders?open=true')).body.total).toBe(4)
    expect(ids((await get<Page>('/api/v1/workorders?open=false')).body, 'workorder_id')).toEqual(['W-CLOSED'])
    expect(ids((await get<Page>('/api/v1/workorders?status=dispatched')).body, 'workorder_id')).toEqual(['W-DISP'])
    expect((await get<Page>('/api/v1/workorders?category=fault_repair')).body.total).toBe(3)
    expect(ids((await get<Page>('/api/v1/workorders?region=D05')).body, 'workorder_id')).toEqual(['W-OK', 'W-OVER'])
    expect(ids((await get<Page>('/api/v1/workorders?team=field-east')).body, 'workorder_id')).toEqual(['W-DISP'])
  })

  it('pages with limit and offset and always gives the total', async () => {
    const first = await get<Page>('/api/v1/workorders?limit=2')
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 })
    expect(first.body.items).toHaveLength(2)
    const last = await get<Page>('/api/v1/workorders?limit=2&offset=4')
    expect(last.body.items).toHaveLength(1)
    const seen = [...first.body.items, ...(await get<Page>('/api/v1/workorders?limit=2&offset=2')).body.items, ...last.body.items]
    expect(new Set(seen.map((i) => i.workorder_id)).size).toBe(5)
    const past = await get<Page>('/api/v1/workorders?offset=10')
    expect(past.body).toMatchObject({ total: 5, items: [] })
  })

  it('answers bad query parameters with a 400 JSON error', async () => {
    for (const url of ['/api/v1/workorders?limit=0', '/api/v1/workorders?limit=abc', '/api/v1/workorders?overdue=maybe', '/api/v1/workorders?stauts=open', '/api/v1/workorders?category=repair']) {
      const { status, body } = await get<{ statusCode: number; code: string; message: string }>(url)
      expect(status, url).toBe(400)
      expect(body.statusCode).toBe(400)
      expect(body.code).toBe('bad_request')
      expect(body.message.length).toBeGreaterThan(0)
    }
  })
})

describe('timelines', () => {
  it("gives every event of a work order in the order they happened", async () => {
    const { status, body } = await get<{ entity_id: string; events: Array<{ type: string; occurred_at: string; fields: Record<string, unknown> }> }>(
      '/api/v1/workorders/W-CLOSED/timeline',
    )
    expect(status).toBe(200)
    expect(body.entity_id).toBe('W-CLOSED')
    expect(body.events.map((e) => e.type)).toEqual([
      'workorder.created', 'workorder.contacted', 'workorder.resolved', 'workorder.callback', 'workorder.closed',
    ])
    expect(body.events[0].fields).toMatchObject({ workorder_id: 'W-CLOSED', category: 'complaint', priority: 'high', area_class: 'urban' })
    expect(body.events[0].occurred_at).toBe(new Date(ago(120)).toISOString())
  })

  it("gives an outage's events, notices before the start included", async () => {
    const { body } = await get<{ events: Array<{ type: string; fields: Record<string, unknown> }> }>('/api/v1/outages/O-REST/timeline')
    expect(body.events.map((e) => e.type)).toEqual(['outage.notified', 'outage.started', 'outage.restored'])
    expect(body.events[1].fields).toMatchObject({ kind: 'planned', customers_affected: 300 })
  })

  it('answers 404 for an entity without events', async () => {
    const { status, body } = await get<{ code: string; message: string }>('/api/v1/workorders/W-NONE/timeline')
    expect(status).toBe(404)
    expect(body.code).toBe('not_found')
    expect(body.message).toContain('W-NONE')
    expect((await get('/api/v1/outages/W-CLOSED/timeline')).status).toBe(404)
  })
})

describe('GET /api/v1/outages and /api/v1/agents', () => {
  it('filters outages by activity and kind', async () => {
    const active = await get<Page>('/api/v1/outages?active=true')
    expect(active.body.items).toHaveLength(1)
    expect(active.body.items[0]).toMatchObject({ outage_id: 'O-ACT', active: true, etr_overrun: true, customers_affected: 800 })
    expect(ids((await get<Page>('/api/v1/outages?active=false')).body, 'outage_id')).toEqual(['O-REST'])
    expect(ids((await get<Page>('/api/v1/outages?kind=planned')).body, 'outage_id')).toEqual(['O-REST'])
    expect((await get<Page>('/api/v1/outages?region=D06&active=true')).body.total).toBe(0)
    expect((await get('/api/v1/outages?kind=flood')).status).toBe(400)
  })

  it('filters agents by state and team', async () => {
    expect((await get<Page>('/api/v1/agents')).body.total).toBe(3)
    expect(ids((await get<Page>('/api/v1/agents?state=available')).body, 'agent_id')).toEqual(['A-1'])
    expect(ids((await get<Page>('/api/v1/agents?team=cc-a')).body, 'agent_id')).toEqual(['A-1', 'A-3'])
    const one = (await get<Page>('/api/v1/agents?state=not_ready')).body.items[0]
    expect(one.state_seconds).toBeGreaterThanOrEqual(600)
  })
})

describe('OpenAPI and unknown routes', () => {
  it('documents every API route at /docs/json', async () => {
    const viewer = await signedIn(t.app, 'viewer')
    const body = (await t.app.inject({ url: '/docs/json', headers: viewer.headers })).json<{ paths: Record<string, unknown> }>()
    for (const path of ['/api/v1/auth/login', '/api/v1/devices/pairing', '/api/v1/users', '/api/v1/audit', '/api/v1/snapshot', '/api/v1/kpis/{id}/series', '/api/v1/territory', '/api/v1/workorders', '/api/v1/workorders/{id}/timeline', '/api/v1/outages', '/api/v1/agents', '/api/v1/events', '/healthz', '/readyz']) {
      expect(body.paths, path).toHaveProperty([path])
    }
  })

  it('answers an unknown route with a JSON 404', async () => {
    const { status, body } = await get('/api/v1/nothing-here')
    expect(status).toBe(404)
    expect(body).toMatchObject({ statusCode: 404, code: 'not_found' })
  })
})
