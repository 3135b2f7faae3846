// The tick's mirror of the open work orders reads only what changed since
// its last read: after orders are created, updated, closed and reopened, it
// holds exactly what `workorders_open FINAL` holds, version for version, also
// when an order's events arrive long after they happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenOrdersMirror } from '../server/kpi/workorders-now.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { event, openFixtureStore, type FixtureStore } from './support/kpi-fixture.ts'
import { queryRows } from './support/temp-storage.ts'

const NOW = shanghaiTime(10, 30)
const MIN = 60_000
let store: FixtureStore

const created = (id: string, at: number) => event('workorder.created', at, 'N', { workorder_id: id, category: 'fault_repair', priority: 'normal', area_class: 'urban' })
const step = (type: string, id: string, at: number) => event(`workorder.${type}`, at, 'N', { workorder_id: id })

beforeAll(async () => {
  store = await openFixtureStore(NOW)
})
afterAll(async () => {
  await store?.close()
})

async function openInStore(): Promise<Array<[string, string, string | null]>> {
  const rows = await queryRows<{ workorder_id: string; status: string; arrived_at: string | null }>(
    store.storage,
    'SELECT workorder_id, status, arrived_at FROM workorders_open FINAL ORDER BY workorder_id',
  )
  return rows.map((r) => [r.workorder_id, r.status, r.arrived_at === null ? null : new Date(`${r.arrived_at.replace(' ', 'T')}Z`).toISOString()])
}

const held = async (mirror: OpenOrdersMirror) =>
  (await mirror.sync())
    .map((r): [string, string, string | null] => [r.workorder_id, r.status, r.sla.arrived_at === null ? null : new Date(r.sla.arrived_at).toISOString()])
    .sort((a, b) => a[0].localeCompare(b[0]))

describe('the open orders mirror', () => {
  it('follows creations, updates, closures and reopenings by reading what changed', async () => {
    await store.ingest(['a', 'b', 'c'].map((id, i) => created(id, NOW - (30 - i) * MIN)))
    const mirror = new OpenOrdersMirror(store.storage.client)
    expect(await held(mirror)).toEqual(await openInStore())
    expect((await held(mirror)).map((r) => r[0])).toEqual(['a', 'b', 'c'])

    await store.ingest([step('arrived', 'a', NOW - 10 * MIN), step('closed', 'b', NOW - 9 * MIN), created('d', NOW - 8 * MIN)])
    const after = await held(mirror)
    expect(after).toEqual(await openInStore())
    expect(after.map((r) => r[0])).toEqual(['a', 'c', 'd'])
    expect(after[0]).toEqual(['a', 'in_progress', new Date(NOW - 10 * MIN).toISOString()])

    await store.ingest([step('reopened', 'b', NOW - 5 * MIN), step('closed', 'c', NOW - 4 * MIN)])
    expect(await held(mirror)).toEqual(await openInStore())
    expect((await held(mirror)).map((r) => r[0])).toEqual(['a', 'b', 'd'])
  })

  it('sees an order whose events arrive late, dated long before what it already holds', async () => {
    const mirror = new OpenOrdersMirror(store.storage.client)
    await held(mirror)
    // A system catching up sends an order created two days ago: written now, dated then.
    await store.ingest([created('late', NOW - 2 * 24 * 60 * MIN)])
    expect((await held(mirror)).map((r) => r[0])).toContain('late')
    expect(await held(mirror)).toEqual(await openInStore())
  })
})
