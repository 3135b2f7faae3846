// `npm run bench:store`: what the operational store costs. Embedded (PGlite):
// a first open (initdb), a close and a reopen, and inserts one statement at a
// time and in a transaction. On a PostgreSQL server (a throwaway one from
// tests/support, as the tests run; loopback, fsync off): the same inserts,
// and how the pool of 10 connections behaves when more work arrives than it
// has connections for. Prints one line per figure.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '../../core/store/store.ts'
import { startPostgresCluster } from '../support/postgres-cluster.ts'

const INSERTS = 2000

const ms = (since: number) => performance.now() - since
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await run()
  return [result, ms(started)]
}

async function inserts(store: Store, label: string): Promise<void> {
  await store.query('CREATE TABLE bench_log (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)')
  const [, single] = await timed(async () => {
    for (let i = 0; i < INSERTS; i++) await store.query('INSERT INTO bench_log (id, body) VALUES ($1, $2)', [i, { i, what: 'single' }])
  })
  const [, batched] = await timed(() =>
    store.transaction(async (tx) => {
      for (let i = INSERTS; i < 2 * INSERTS; i++) await tx.query('INSERT INTO bench_log (id, body) VALUES ($1, $2)', [i, { i, what: 'tx' }])
    }),
  )
  const [, read] = await timed(() => store.query('SELECT * FROM bench_log'))
  console.log(`${label}: insert, one statement each (autocommit): ${fmt(single / INSERTS)} ms; in one transaction: ${fmt(batched / INSERTS)} ms; read back ${2 * INSERTS} rows: ${fmt(read)} ms`)
}

async function embedded(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-store-bench-'))
  try {
    const [first, firstMs] = await timed(() => openStore({ mode: 'embedded', dir }))
    const [, closeMs] = await timed(() => first.close())
    const reopens: number[] = []
    for (let i = 0; i < 3; i++) {
      const [again, reopenMs] = await timed(() => openStore({ mode: 'embedded', dir }))
      reopens.push(reopenMs)
      await again.close()
    }
    console.log(`PGlite: first open (initdb) ${fmt(firstMs)} ms; close ${fmt(closeMs)} ms; reopen ${reopens.map(fmt).join(' / ')} ms`)
    const store = await openStore({ mode: 'embedded', dir })
    try {
      await inserts(store, 'PGlite')
      const [, serialMs] = await timed(() => Promise.all(Array.from({ length: 10 }, () => store.transaction((tx) => tx.query('SELECT pg_sleep(0.05)')))))
      console.log(`PGlite: 10 concurrent transactions of 50 ms each: ${fmt(serialMs)} ms (one at a time)`)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function server(): Promise<void> {
  const [cluster, clusterMs] = await timed(() => startPostgresCluster())
  console.log(`PostgreSQL (throwaway test server): started in ${fmt(clusterMs)} ms`)
  try {
    const url = new URL(cluster.url)
    const [store, openMs] = await timed(() => openStore({ mode: 'server', url }))
    try {
      console.log(`pg pool: open (first connection, session set to UTC, SELECT 1) ${fmt(openMs)} ms`)
      const warm: number[] = []
      for (let i = 0; i < 200; i++) warm.push((await timed(() => store.query('SELECT 1 AS one')))[1])
      warm.sort((a, b) => a - b)
      console.log(`pg pool: one query on a warm connection, p50 ${fmt(warm[100])} ms, p95 ${fmt(warm[190])} ms`)
      const [, burstMs] = await timed(() => Promise.all(Array.from({ length: 200 }, (_, i) => store.query('SELECT $1::int AS i', [i]))))
      const [{ n }] = await store.query<{ n: number }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname = current_database()")
      console.log(`pg pool: 200 queries at once ${fmt(burstMs)} ms; connections open afterwards: ${n} (the pool holds at most 10)`)
      const [, waveMs] = await timed(() => Promise.all(Array.from({ length: 20 }, () => store.transaction((tx) => tx.query('SELECT pg_sleep(0.1)')))))
      console.log(`pg pool: 20 concurrent transactions of 100 ms each: ${fmt(waveMs)} ms (10 at a time, the rest wait for a connection)`)
      await inserts(store, 'pg')
    } finally {
      await store.close()
    }
  } finally {
    await cluster.stop()
  }
}

await embedded()
await server()
