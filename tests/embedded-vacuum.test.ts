// The embedded store has no autovacuum (PGlite runs PostgreSQL without its
// background workers): without core/store/embedded-vacuum.ts a table whose
// rows are updated grows without end. Real embedded PostgreSQL; the period
// is shortened for the test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { vacuumPeriodically, vacuumStore } from '../core/store/embedded-vacuum.ts'
import { eventually } from './server-harness.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

let store: TempStore
beforeAll(async () => {
  store = await openTempStore({ migrate: false })
})
afterAll(async () => {
  await store?.destroy()
})

const size = async (table: string) => Number((await store.query<{ n: string }>('SELECT pg_relation_size($1::regclass)::text AS n', [table]))[0]!.n)
const churn = async (table: string, times: number) => {
  for (let i = 0; i < times; i++) await store.query(`UPDATE ${table} SET v = v + 1`)
}

describe('vacuuming the embedded store', () => {
  it('lets updated rows reuse their space: a table updated again and again stops growing', async () => {
    await store.query('CREATE TABLE churned (id int PRIMARY KEY, v int NOT NULL)')
    await store.query('INSERT INTO churned SELECT g, 0 FROM generate_series(1, 1000) g')
    await churn('churned', 20)
    const bloated = await size('churned')
    await vacuumStore(store)
    await churn('churned', 20)
    // Without the vacuum the second 20 updates would have doubled the table.
    expect(await size('churned')).toBeLessThan(bloated * 1.2)
  })

  it('runs every period on the embedded store until stopped', async () => {
    await store.query('CREATE TABLE watched (id int PRIMARY KEY, v int NOT NULL)')
    const lastVacuum = async () => (await store.query<{ at: Date | null }>("SELECT last_vacuum AS at FROM pg_stat_user_tables WHERE relname = 'watched'"))[0]?.at ?? null
    expect(await lastVacuum()).toBeNull()
    const logged: string[] = []
    const vacuum = vacuumPeriodically(store, { debug: (_o, msg) => logged.push(msg), warn: (_o, msg) => logged.push(msg) }, 50)
    try {
      await eventually(async () => (await lastVacuum()) !== null, 10_000, 'a vacuum of the store')
      expect(logged).toContain('embedded store vacuumed')
    } finally {
      await vacuum.stop()
    }
  })

  it('leaves a PostgreSQL server to its own autovacuum', async () => {
    let queried = false
    const server = { ...store, kind: 'postgres' as const, query: async () => ((queried = true), []) } as unknown as TempStore
    vi.useFakeTimers()
    try {
      const vacuum = vacuumPeriodically(server, { debug: () => {}, warn: () => {} }, 10)
      await vi.advanceTimersByTimeAsync(100)
      await vacuum.stop()
    } finally {
      vi.useRealTimers()
    }
    expect(queried).toBe(false)
  })
})
