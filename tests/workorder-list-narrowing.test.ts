// The work order list narrows its read by the ids whose rows match a search,
// an outage or a call (any version of the order), then judges the newest
// version: an order that moved to another outage or call is listed under the
// new one only, and the page's total (reported with the page) counts orders,
// not versions, also past the last page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chTime } from '../core/time-format.ts'
import { listWorkorders } from '../server/queries/workorder-list.ts'
import { openTempStorage } from './support/temp-storage.ts'

let storage: Awaited<ReturnType<typeof openTempStorage>>
const now = new Date(Date.UTC(2030, 0, 10, 3, 0, 0))
const row = (workorder_id: string, version: number, fields: Record<string, string> = {}) => ({
  workorder_id, status: 'created', created_at: chTime(now.getTime() - version * 60_000), updated_at: chTime(now.getTime()), version, ...fields,
})

beforeAll(async () => {
  storage = await openTempStorage()
  // Separate inserts: separate parts, so FINAL has versions to merge.
  const insert = (values: object[]) => storage.client.insert({ table: 'workorders', values, format: 'JSONEachRow' })
  await insert([row('W-MOVED', 1, { outage_id: 'O-FIRST', call_id: 'C-FIRST' }), row('W-STAYS', 1, { outage_id: 'O-FIRST' })])
  await insert([row('W-MOVED', 2, { outage_id: 'O-SECOND', call_id: 'C-SECOND' }), row('W-other', 1)])
})
afterAll(async () => {
  await storage.destroy()
})

const list = (filter: Record<string, unknown>) => listWorkorders(storage.client, { limit: 50, offset: 0, ...filter }, now)
const ids = async (filter: Record<string, unknown>) => (await list(filter)).items.map((i) => i.workorder_id)

describe('work order list narrowed by id, outage and call', () => {
  it('lists an order under the outage and call of its newest version only', async () => {
    expect(await ids({ outage: 'O-FIRST' })).toEqual(['W-STAYS'])
    expect(await ids({ outage: 'O-SECOND' })).toEqual(['W-MOVED'])
    expect(await ids({ call: 'C-FIRST' })).toEqual([])
    expect(await ids({ call: 'C-SECOND' })).toEqual(['W-MOVED'])
  })

  it('finds by part of the id in any case, with the other filters still applied', async () => {
    expect((await ids({ q: 'w-' })).sort()).toEqual(['W-MOVED', 'W-STAYS', 'W-other'])
    expect(await ids({ q: 'OTHER' })).toEqual(['W-other'])
    expect(await ids({ q: 'moved', outage: 'O-FIRST' })).toEqual([])
  })

  it('counts orders, not versions, with the page and past its end', async () => {
    expect(await list({ limit: 1 })).toMatchObject({ total: 3, items: [expect.anything()] })
    expect(await list({ offset: 10 })).toEqual({ total: 3, items: [] })
    expect(await list({ outage: 'O-FIRST', offset: 5 })).toEqual({ total: 1, items: [] })
  })
})
