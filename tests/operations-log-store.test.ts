// The operations log's and the handovers' tables (migrations 007 and 008)
// on both backends, the embedded store (PGlite) and a real PostgreSQL
// server (the run's, tests/support/store-global-setup.ts): a system entry
// written once by its dedup key, searches by words (Chinese too, wildcards
// literal, any case), filters, newest first and paged, the same answers on
// both; and a confirmed handover that the table itself refuses to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateStore, openStore, type Store } from '../core/store/store.ts'
import { LogStore, searchWords, type NewEntry } from '../server/oplog/log-store.ts'
import { openTempStore } from './support/temp-store.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'

const T0 = Date.UTC(2026, 0, 5, 2, 0)
const MIN = 60_000

const entry = (minute: number, text: string, over: Partial<NewEntry> = {}): NewEntry => ({
  at: new Date(T0 + minute * MIN),
  category: 'note',
  text,
  target_type: null,
  target_id: null,
  author: 'officer-li',
  author_name: '李值班',
  kind: null,
  notable: true,
  dedup_key: null,
  ...over,
})

const ENTRIES: NewEntry[] = [
  entry(0, '110千伏城东变电站跳闸，已通知抢修', { category: 'outage', target_type: 'outage', target_id: 'O-77' }),
  entry(1, 'Feeder F-12 back at 100% load', { category: 'outage' }),
  entry(2, '告警触发：进线突增', { category: 'alert', author: 'system', author_name: '系统', kind: 'alert.firing', notable: false, target_type: 'alert', target_id: 'A-1', dedup_key: 'alert:A-1:firing:1' }),
  entry(3, '交班：白班，变电站抢修未完', { category: 'shift' }),
]

function suite(kind: string, open: () => Promise<Store>, close: (s: Store) => Promise<void>) {
  describe(`the log and handover tables on ${kind}`, () => {
    let store: Store
    let log: LogStore
    beforeAll(async () => {
      store = await open()
      log = new LogStore(store)
      for (const e of ENTRIES) expect(await log.insert(e)).not.toBeNull()
    })
    afterAll(() => close(store))

    const texts = async (f: Parameters<LogStore['search']>[0]) => (await log.search(f)).items.map((e) => e.text)
    const page = { limit: 50, offset: 0 }

    it('writes a system entry once by its dedup key', async () => {
      expect(await log.insert({ ...ENTRIES[2], at: new Date(T0 + 9 * MIN) })).toBeNull()
      expect((await log.search({ target_id: 'A-1', ...page })).total).toBe(1)
    })

    it('finds Chinese words, every word, any case, wildcards literal', async () => {
      expect(await texts({ q: '跳闸', ...page })).toEqual(['110千伏城东变电站跳闸，已通知抢修'])
      expect(await texts({ q: '变电站', ...page })).toEqual(['交班：白班，变电站抢修未完', '110千伏城东变电站跳闸，已通知抢修'])
      expect(await texts({ q: '变电站　跳闸', ...page })).toEqual(['110千伏城东变电站跳闸，已通知抢修'])
      expect(await texts({ q: 'feeder LOAD', ...page })).toEqual(['Feeder F-12 back at 100% load'])
      expect(await texts({ q: '100%', ...page })).toEqual(['Feeder F-12 back at 100% load'])
      expect(await texts({ q: 'F_12', ...page })).toEqual([])
      expect(await texts({ q: '李值班', ...page })).toHaveLength(3)
      expect(await texts({ q: 'O-77', ...page })).toEqual(['110千伏城东变电站跳闸，已通知抢修'])
      expect(searchWords(' a  b\u3000a ')).toEqual(['a', 'b'])
    })

    it('filters by category, entity, notability and time, newest first, paged', async () => {
      expect(await texts({ category: 'outage', ...page })).toEqual(['Feeder F-12 back at 100% load', '110千伏城东变电站跳闸，已通知抢修'])
      expect(await texts({ target_id: 'O-77', ...page })).toEqual(['110千伏城东变电站跳闸，已通知抢修'])
      expect(await texts({ notable: false, ...page })).toEqual(['告警触发：进线突增'])
      expect(await texts({ since: new Date(T0 + MIN), until: new Date(T0 + 3 * MIN), ...page })).toEqual(['告警触发：进线突增', 'Feeder F-12 back at 100% load'])
      const second = await log.search({ limit: 2, offset: 1 })
      expect(second.total).toBe(4)
      expect(second.items.map((e) => e.text)).toEqual(['告警触发：进线突增', 'Feeder F-12 back at 100% load'])
    })

    it('refuses a category outside the set and a target without its type', async () => {
      await expect(log.insert(entry(5, 'x', { category: 'gossip' as never }))).rejects.toThrow()
      await expect(log.insert(entry(5, 'x', { target_id: 'W-1' }))).rejects.toThrow()
    })

    it('freezes a confirmed handover: the row refuses updates and deletion', async () => {
      const insert = `INSERT INTO handovers (id, shift_date, shift_id, shift_name, period_from, period_to, boundary_at, notes, content, handed_over_by, handed_over_name, handed_over_at)
        VALUES ($1, '2026-01-05', 'day', '白班', $2, $3, $3, 'n', '{}', 'lead-a', 'Lead A', $3)`
      const id = '00000000-0000-4000-8000-000000000001'
      await store.query(insert, [id, new Date(T0), new Date(T0 + 9 * 60 * MIN)])
      await store.query(`UPDATE handovers SET notes = 'before the confirmation' WHERE id = $1`, [id])
      await store.query(`UPDATE handovers SET confirmed_by = 'lead-b', confirmed_name = 'Lead B', confirmed_at = $2 WHERE id = $1`, [id, new Date(T0 + 10 * 60 * MIN)])
      await expect(store.query(`UPDATE handovers SET notes = 'edited' WHERE id = $1`, [id])).rejects.toThrow(/frozen/)
      await expect(store.query(`DELETE FROM handovers WHERE id = $1`, [id])).rejects.toThrow(/frozen/)
      expect(await store.query(`SELECT notes, confirmed_by FROM handovers WHERE id = $1`, [id])).toEqual([{ notes: 'before the confirmation', confirmed_by: 'lead-b' }])
    })
  })
}

suite(
  'the embedded store (PGlite)',
  () => openTempStore(),
  (s) => (s as Awaited<ReturnType<typeof openTempStore>>).destroy(),
)

const databases = new Map<Store, TestDatabase>()
suite(
  'a PostgreSQL server',
  async () => {
    const db = await createTestDatabase()
    const store = await openStore({ mode: 'server', url: db.url })
    await migrateStore(store)
    databases.set(store, db)
    return store
  },
  async (s) => {
    await s.close()
    await databases.get(s)?.drop()
  },
)
