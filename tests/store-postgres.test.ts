// The store suite against a real PostgreSQL server (Debian's, started once
// for the test run by tests/support/store-global-setup.ts; each store here
// gets a database of its own), and what only a server has: a pool of
// connections that transactions run on side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, StoreOpenError, type Store } from '../core/store/store.ts'
import { storeSuite, TYPES_QUERY } from './support/store-suite.ts'
import { openTempStore } from './support/temp-store.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'

const databases = new Map<Store, TestDatabase>()
afterAll(async () => {
  for (const db of databases.values()) await db.drop()
})

async function openFresh(): Promise<Store> {
  const db = await createTestDatabase()
  const store = await openStore({ mode: 'server', url: db.url })
  databases.set(store, db)
  return store
}

storeSuite({
  kind: 'postgres',
  open: openFresh,
  // Another pool on the same database, as another server process would have.
  another: (store: Store) => openStore({ mode: 'server', url: databases.get(store)!.url }),
})

describe('the store on a PostgreSQL server', () => {
  let store: Store
  beforeAll(async () => {
    store = await openFresh()
  })
  afterAll(() => store?.close())

  it('reads every type as the embedded store does', async () => {
    const embedded = await openTempStore()
    try {
      expect(await store.query(TYPES_QUERY)).toStrictEqual(await embedded.query(TYPES_QUERY))
    } finally {
      await embedded.destroy()
    }
  })

  it('runs each transaction on one connection, concurrent ones side by side, never mixed', async () => {
    const session = (tx: { query: Store['query'] }) =>
      tx.query<{ pid: number; xid: string }>('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid, pg_sleep(0.05)::text AS slept')
    const started = performance.now()
    const runs = await Promise.all(
      [0, 1, 2].map(() =>
        store.transaction(async (tx) => {
          const seen: string[] = []
          for (let i = 0; i < 4; i++) {
            const [row] = await session(tx)
            seen.push(`${row.pid}/${row.xid}`)
          }
          return seen
        }),
      ),
    )
    const elapsedMs = performance.now() - started
    for (const seen of runs) expect(new Set(seen).size).toBe(1)
    expect(new Set(runs.map((seen) => seen[0])).size).toBe(3)
    // 3 transactions of 4 × 50 ms: side by side about 200 ms, one after another 600 ms.
    expect(elapsedMs).toBeLessThan(500)
  })

  it('queues transactions beyond its 10 connections instead of failing them', async () => {
    const pids = await Promise.all(
      Array.from({ length: 14 }, () => store.transaction(async (tx) => (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.1)::text AS s'))[0].pid)),
    )
    expect(new Set(pids).size).toBeLessThanOrEqual(10)
    expect(pids).toHaveLength(14)
  })

  it('says which server it cannot reach, never the password', async () => {
    const url = new URL('postgres://someone:s3cret-Pa55@127.0.0.1:1/command_center')
    const failure = await openStore({ mode: 'server', url }).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(StoreOpenError)
    expect((failure as Error).message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/command_center as someone: .*ECONNREFUSED/)
    expect((failure as Error).message).not.toContain('s3cret')
  })
})
