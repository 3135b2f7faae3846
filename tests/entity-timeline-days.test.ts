// Timelines read only the days on which an entity has events (entity_days,
// migration 016), so they must still hold every event: of an order open over
// several days and across midnight UTC (the events table's daily partitions),
// of one whose creation arrives last and dated before everything stored of
// it, of an outage noticed days before it started (no events on the days
// between), and of a call that crosses midnight; and none of another
// entity's events on the same days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, type TestApp } from './server-harness.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { sampleEvent } from './support/sample-events.ts'
import { queryRows } from './support/temp-storage.ts'

let t: TestApp
// Shanghai is UTC+8: 08:00 there is midnight UTC, where the partitions turn.
const now = shanghaiTime(10, 0, 1)
const at = (hh: number, mm: number, daysAgo: number, seconds = 0) => shanghaiTime(hh, mm, daysAgo) + seconds * 1000
const order = (type: Parameters<typeof sampleEvent>[0], when: number, fields: Record<string, unknown> = {}) =>
  sampleEvent(type, when, { workorder_id: 'W-SPAN', ...fields })

const storedFirst = [
  order('workorder.dispatched', at(8, 10, 4), { team: 'field-east' }),
  order('workorder.arrived', at(9, 0, 3)),
  order('workorder.resolved', at(12, 0, 2)),
  sampleEvent('workorder.created', at(7, 55, 4), { workorder_id: 'W-OTHER' }),
  sampleEvent('outage.notified', at(10, 0, 7), { outage_id: 'O-SPAN' }),
  sampleEvent('outage.started', at(23, 0, 3), { outage_id: 'O-SPAN' }),
  sampleEvent('outage.updated', at(7, 30, 2), { outage_id: 'O-SPAN', customers_affected: 900 }),
  sampleEvent('outage.restored', at(9, 15, 2), { outage_id: 'O-SPAN' }),
  sampleEvent('call.offered', at(7, 59, 2, 50), { call_id: 'C-MIDNIGHT' }),
  sampleEvent('call.answered', at(8, 0, 2, 10), { call_id: 'C-MIDNIGHT' }),
  sampleEvent('call.ended', at(8, 5, 2), { call_id: 'C-MIDNIGHT' }),
]
// Arrives after the rest, dated before all of them, on the UTC day before.
const createdLate = order('workorder.created', at(7, 50, 4))

async function post(events: ReturnType<typeof sampleEvent>[]): Promise<void> {
  const submission = await t.pipeline.submit(events.map((e) => ({ input: e, source: 'test' })))
  expect(submission.results.every((r) => r.ok)).toBe(true)
  await t.pipeline.flush()
}

async function timeline(path: string): Promise<{ status: number; types: string[]; at: string[] }> {
  const res = await t.app.inject({ url: `/api/v1/${path}/timeline`, headers: t.program.headers })
  if (res.statusCode !== 200) return { status: res.statusCode, types: [], at: [] }
  const events = res.json<{ events: Array<{ type: string; occurred_at: string }> }>().events
  return { status: res.statusCode, types: events.map((e) => e.type), at: events.map((e) => e.occurred_at) }
}

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(now) })
  await post(storedFirst)
  await post([createdLate])
})
afterAll(async () => {
  await t.close()
})

describe('timelines read on their entity’s days only', () => {
  it('hold every event of an order open over three days, its creation arriving last and dated first', async () => {
    const days = await queryRows<{ days: number }>(t.storage, "SELECT uniqExact(toYYYYMMDD(occurred_at)) AS days FROM events WHERE entity_id = 'W-SPAN'")
    expect(Number(days[0]?.days)).toBe(4)
    const got = await timeline('workorders/W-SPAN')
    expect(got.types).toEqual(['workorder.created', 'workorder.dispatched', 'workorder.arrived', 'workorder.resolved'])
    expect(got.at).toEqual([createdLate, ...storedFirst.slice(0, 3)].map((e) => e.occurred_at))
  })

  it("hold an outage's events from its notice days before, and a call's across midnight", async () => {
    expect((await timeline('outages/O-SPAN')).types).toEqual(['outage.notified', 'outage.started', 'outage.updated', 'outage.restored'])
    expect((await timeline('calls/C-MIDNIGHT')).types).toEqual(['call.offered', 'call.answered', 'call.ended'])
  })

  it('answer 404 for an entity without events, and for one of another family', async () => {
    expect((await timeline('workorders/W-NONE')).status).toBe(404)
    expect((await timeline('outages/W-SPAN')).status).toBe(404)
  })
})
