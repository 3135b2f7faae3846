// The desk's drill-down additions over a real embedded ClickHouse: search by
// id, priority, sort orders, the SLA clock the server judges, outages with
// key customers or past their ETR, agents longest in state, the queues, and
// every list's CSV (with a BOM) and XLSX export holding exactly the rows the
// list's filters select; a call's timeline and the orders raised from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import readXlsxFile from 'read-excel-file/node'
import { openTestApp, type TestApp } from './server-harness.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { sampleEvent } from './support/sample-events.ts'

let t: TestApp
const MIN = 60_000
// 10:00 in the center, yesterday: no hour of the run changes what is overdue.
const now = shanghaiTime(10, 0)
const ago = (minutes: number) => now - minutes * MIN

const fixture = [
  sampleEvent('workorder.created', ago(60), { workorder_id: 'W-OVER-1', category: 'fault_repair', area_class: 'urban', priority: 'urgent', region: 'D05' }),
  sampleEvent('workorder.created', ago(50), { workorder_id: 'W-OVER-2', category: 'fault_repair', area_class: 'urban', region: 'D05' }),
  sampleEvent('workorder.created', ago(40), { workorder_id: 'W-RISK', category: 'fault_repair', area_class: 'urban', region: 'D06' }),
  sampleEvent('workorder.created', ago(10), { workorder_id: 'W-OK', category: 'consultation', area_class: 'urban', region: 'D05', outage_id: 'O-KEY', call_id: 'C-DESK' }),
  sampleEvent('call.offered', ago(14), { call_id: 'C-DESK', queue: 'fault' }),
  sampleEvent('call.answered', ago(13), { call_id: 'C-DESK', queue: 'fault', agent_id: 'A-2', wait_ms: 15_000 }),
  sampleEvent('call.ended', ago(11), { call_id: 'C-DESK', agent_id: 'A-2', resolved_first_contact: false, disposition: 'fault_report' }),
  sampleEvent('outage.started', ago(90), { outage_id: 'O-KEY', kind: 'fault', feeder: 'F-101', customers_affected: 800, key_customers_affected: 2, etr: new Date(ago(30)).toISOString(), region: 'D05' }),
  sampleEvent('outage.started', ago(20), { outage_id: 'O-PLAIN', kind: 'temporary', feeder: 'F-202', customers_affected: 50, key_customers_affected: 0, etr: new Date(ago(-60)).toISOString(), region: 'D06' }),
  sampleEvent('agent.state', ago(30), { agent_id: 'A-1', team: 'cc-a', state: 'available' }),
  sampleEvent('agent.state', ago(20), { agent_id: 'A-2', team: 'cc-b', state: 'on_call' }),
  sampleEvent('agent.state', ago(45), { agent_id: 'A-3', team: 'cc-a', state: 'not_ready' }),
]

interface Page<T = Record<string, unknown>> {
  total: number
  items: T[]
}

async function get<T = Page>(url: string): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ url, headers: t.program.headers })
  return { status: res.statusCode, body: res.json<T>() }
}
const idsOf = (page: Page, key: string) => page.items.map((i) => i[key])

const firstSheet = async (raw: Buffer) => (await readXlsxFile(raw))[0]?.data ?? []

async function download(url: string) {
  const res = await t.app.inject({ url, headers: t.program.headers })
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload }
}

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(now) })
  const submission = await t.pipeline.submit(fixture.map((e) => ({ input: e, source: 'test' })))
  expect(submission.results.every((r) => r.ok)).toBe(true)
  await t.pipeline.flush()
})
afterAll(async () => {
  await t.close()
})

describe('work orders for the desk', () => {
  it('finds an order by part of its id, any case', async () => {
    expect(idsOf((await get('/api/v1/workorders?q=over')).body, 'workorder_id').sort()).toEqual(['W-OVER-1', 'W-OVER-2'])
    expect((await get('/api/v1/workorders?q=nothing')).body.total).toBe(0)
  })

  it('filters by priority and by outage, and sorts by creation either way', async () => {
    expect(idsOf((await get('/api/v1/workorders?priority=urgent')).body, 'workorder_id')).toEqual(['W-OVER-1'])
    expect(idsOf((await get('/api/v1/workorders?sort=created_desc')).body, 'workorder_id')).toEqual(['W-OK', 'W-RISK', 'W-OVER-2', 'W-OVER-1'])
    expect(idsOf((await get('/api/v1/workorders?sort=created_asc')).body, 'workorder_id')).toEqual(['W-OVER-1', 'W-OVER-2', 'W-RISK', 'W-OK'])
    expect((await get('/api/v1/workorders?sort=random')).status).toBe(400)
    expect(idsOf((await get('/api/v1/workorders?outage=O-KEY')).body, 'workorder_id')).toEqual(['W-OK'])
  })

  it("gives a call's timeline, and the orders raised from it by the call_id their creation carried", async () => {
    const { status, body } = await get<{ entity_id: string; events: Array<{ type: string; fields: Record<string, unknown> }> }>('/api/v1/calls/C-DESK/timeline')
    expect(status).toBe(200)
    expect(body.events.map((e) => e.type)).toEqual(['call.offered', 'call.answered', 'call.ended'])
    expect(body.events[1].fields).toMatchObject({ call_id: 'C-DESK', queue: 'fault', agent_id: 'A-2', wait_ms: 15_000 })
    expect(body.events[2].fields).toMatchObject({ resolved_first_contact: false, disposition: 'fault_report' })
    expect((await get('/api/v1/calls/C-NONE/timeline')).status).toBe(404)
    expect(idsOf((await get('/api/v1/workorders?call=C-DESK')).body, 'workorder_id')).toEqual(['W-OK'])
    expect((await get('/api/v1/workorders?call=C-NONE')).body.total).toBe(0)
  })

  it("gives each order's SLA clock as the server judged it: overdue by, or time left", async () => {
    const items = (await get<Page<{ workorder_id: string; sla_left_ms: number; overdue: boolean; at_risk: boolean }>>('/api/v1/workorders')).body.items
    const byId = Object.fromEntries(items.map((i) => [i.workorder_id, i]))
    // Urban fault repairs arrive within 45 min.
    expect(byId['W-OVER-1']).toMatchObject({ overdue: true, sla_left_ms: -15 * MIN })
    expect(byId['W-OVER-2']).toMatchObject({ overdue: true, sla_left_ms: -5 * MIN })
    expect(byId['W-RISK']).toMatchObject({ overdue: false, at_risk: true, sla_left_ms: 5 * MIN })
  })

  it("a region's overdue orders are as many as the region's KPI cell counts", async () => {
    const snap = (await get<{ breakdowns: { today: { region: Record<string, { workorders_overdue_now?: { value: number } }> } } }>('/api/v1/snapshot')).body
    const cell = snap.breakdowns.today.region.D05?.workorders_overdue_now?.value
    const list = (await get('/api/v1/workorders?region=D05&overdue=true')).body
    expect(list.total).toBe(2)
    expect(cell).toBe(list.total)
  })

  it('exports the filtered list as CSV with a BOM, in the list order', async () => {
    const file = await download('/api/v1/workorders/export?region=D05&overdue=true&format=csv')
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toContain('text/csv')
    expect(file.headers['content-disposition']).toContain('workorders.csv')
    expect([...file.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = file.raw.toString('utf8').slice(1).trim().split('\r\n')
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['workorder_id', 'region', 'region_name'])
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['W-OVER-1', 'W-OVER-2'])
    expect(file.headers['x-total-count']).toBe('2')
  })

  it('exports the same rows as XLSX, region names in the language asked for', async () => {
    const file = await download('/api/v1/workorders/export?region=D05&overdue=true&format=xlsx&lang=en')
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toContain('spreadsheetml')
    const sheet = await firstSheet(file.raw)
    expect(sheet[0]?.slice(0, 3)).toEqual(['workorder_id', 'region', 'region_name'])
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['W-OVER-1', 'W-OVER-2'])
    expect(sheet[1]?.[2]).not.toBe('D05')
  })
})

describe('outages, agents and queues for the desk', () => {
  it('filters outages with key customers, past their ETR, and by feeder', async () => {
    expect(idsOf((await get('/api/v1/outages?key_customers=true')).body, 'outage_id')).toEqual(['O-KEY'])
    expect(idsOf((await get('/api/v1/outages?etr_overrun=true')).body, 'outage_id')).toEqual(['O-KEY'])
    expect(idsOf((await get('/api/v1/outages?etr_overrun=false')).body, 'outage_id')).toEqual(['O-PLAIN'])
    expect(idsOf((await get('/api/v1/outages?q=f-202')).body, 'outage_id')).toEqual(['O-PLAIN'])
    expect(idsOf((await get('/api/v1/outages?sort=started')).body, 'outage_id')).toEqual(['O-PLAIN', 'O-KEY'])
  })

  it('sorts agents longest in their state first', async () => {
    expect(idsOf((await get('/api/v1/agents?sort=longest')).body, 'agent_id')).toEqual(['A-3', 'A-1', 'A-2'])
    expect(idsOf((await get('/api/v1/agents?q=a-2')).body, 'agent_id')).toEqual(['A-2'])
  })

  it('lists the queues as the snapshot counts them and exports them', async () => {
    // calls_live keeps calls for two hours of real time, so on this fixed
    // clock nobody waits: what is held is that the list is the snapshot's.
    type Snap = { current: { queue: { by_queue: Record<string, { waiting: number; longest_wait_seconds: number | null }> } } }
    const queues = (await get<Page<{ queue: string; waiting: number; longest_wait_seconds: number | null }>>('/api/v1/queues')).body
    const snap = (await get<Snap>('/api/v1/snapshot')).body
    expect(queues.items.map((q) => q.queue).sort()).toEqual(Object.keys(snap.current.queue.by_queue).sort())
    for (const q of queues.items) expect(q, q.queue).toMatchObject(snap.current.queue.by_queue[q.queue] ?? {})
    const file = await download('/api/v1/queues/export?format=csv')
    expect(file.raw.toString('utf8').split('\r\n')[0]).toBe('\uFEFFqueue,name,waiting,longest_wait_seconds')
  })

  it('exports outages and agents with their filters', async () => {
    const outages = (await download('/api/v1/outages/export?key_customers=true')).raw.toString('utf8').trim().split('\r\n')
    expect(outages).toHaveLength(2)
    expect(outages[1]?.startsWith('O-KEY,')).toBe(true)
    const agents = await download('/api/v1/agents/export?team=cc-a&format=xlsx')
    expect((await firstSheet(agents.raw)).slice(1).map((r) => r[0])).toEqual(['A-1', 'A-3'])
  })

  it('refuses an unknown export format', async () => {
    expect((await download('/api/v1/workorders/export?format=pdf')).status).toBe(400)
  })
})
