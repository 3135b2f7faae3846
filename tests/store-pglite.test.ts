// The store suite against the embedded PostgreSQL (PGlite), and what only
// the embedded store has: its data directory, kept across a reopen and a
// killed process, and held by one process at a time.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore, StoreOpenError, type Store } from '../core/store/store.ts'
import { ROOT } from './support/run-command.ts'
import { storeSuite } from './support/store-suite.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const opened: TempStore[] = []
afterAll(async () => {
  for (const store of opened) await store.destroy()
})

storeSuite({
  kind: 'pglite',
  async open() {
    const store = await openTempStore({ migrate: false })
    opened.push(store)
    return store
  },
  // One process holds an embedded directory: a second runner in it shares the store.
  another: async (store: Store) => ({ ...store, close: async () => {} }),
})

describe('the embedded store directory', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cc-pglite-dirs-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('keeps its data when closed and opened again', async () => {
    const first = await openTempStore()
    opened.push(first)
    await first.query('CREATE TABLE kept (id int PRIMARY KEY, at timestamptz NOT NULL, doc jsonb)')
    await first.transaction((tx) => tx.query('INSERT INTO kept VALUES ($1, $2, $3)', [1, new Date('2024-05-01T00:00:00Z'), { a: 1 }]))
    await first.close()
    const again = await openStore({ mode: 'embedded', dir: first.dir })
    try {
      expect(await again.query('SELECT * FROM kept')).toEqual([{ id: 1, at: new Date('2024-05-01T00:00:00Z'), doc: { a: 1 } }])
      expect(again.describe).toBe(`embedded PostgreSQL (PGlite) at ${first.dir}`)
    } finally {
      await again.close()
    }
  })

  it('is held by one store at a time, and freed when its holder closes it', async () => {
    const holder = await openTempStore()
    opened.push(holder)
    const second = openStore({ mode: 'embedded', dir: holder.dir })
    await expect(second).rejects.toThrow(StoreOpenError)
    await expect(second).rejects.toThrow(`the embedded PostgreSQL at ${holder.dir} is in use by another process or store`)
    await holder.close()
    const next = await openStore({ mode: 'embedded', dir: holder.dir })
    await next.close()
  })

  it('is held by another process until that process dies, and keeps what it committed before it was killed', async () => {
    const holder = await openTempStore()
    const dir = holder.dir
    await holder.query('CREATE TABLE written (id int PRIMARY KEY, body text NOT NULL)')
    await holder.close()
    // The other process inserts one row a statement (each its own commit) and says how far it got, until it is killed.
    const script = `const { openStore } = await import('./core/store/store.ts')
      const store = await openStore({ mode: 'embedded', dir: process.argv[1] })
      console.log('open')
      for (let id = 1; ; id++) {
        await store.query('INSERT INTO written VALUES ($1, $2)', [id, 'x'.repeat(200)])
        if (id % 20 === 0) console.log(id)
      }`
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    let committed = 0
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const lines = chunk.toString().trim().split('\n')
          committed = Math.max(committed, ...lines.map(Number).filter(Number.isInteger))
          if (committed >= 200) resolve()
        })
        child.once('exit', (code) => reject(new Error(`the writing process exited (${code}) before writing 200 rows`)))
      })
      await expect(openStore({ mode: 'embedded', dir })).rejects.toThrow('is in use by another process or store')
    } finally {
      child.kill('SIGKILL')
      await exited
    }
    const after = await openStore({ mode: 'embedded', dir })
    try {
      const [row] = await after.query<{ rows: number; last: number }>('SELECT count(*) AS rows, max(id) AS last FROM written')
      expect(row.rows).toBe(row.last)
      expect(row.last).toBeGreaterThanOrEqual(committed)
    } finally {
      await after.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a directory it cannot use, or one holding other files, with a clear message', async () => {
    const file = join(scratch, 'a-file')
    writeFileSync(file, 'not a directory')
    await expect(openStore({ mode: 'embedded', dir: join(file, 'pg') })).rejects.toThrow(`cannot use ${join(file, 'pg')} for the embedded PostgreSQL (ENOTDIR)`)
    const other = join(scratch, 'other')
    mkdirSync(other)
    writeFileSync(join(other, 'notes.txt'), 'someone else\'s')
    await expect(openStore({ mode: 'embedded', dir: other })).rejects.toThrow(`${other} is not empty and holds no PostgreSQL data`)
  })
})
