// The operational store in the server: `app.store` for routes, left open when
// the app closes (its owner closes it), and `npm run server` opening and
// migrating the PostgreSQL server of DATABASE_URL after ClickHouse, naming it
// in the log without its password, and closing it on SIGTERM.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../core/store/store.ts'
import Fastify from 'fastify'
import storePlugin from '../server/plugins/store.ts'
import { openTestApp, type TestApp } from './server-harness.ts'
import { REPO } from './support/app-process.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'

describe('app.store', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp()
  })
  afterAll(() => t?.close())

  it('is the store the app was given', async () => {
    expect(t.app.store).toBe(t.store)
    expect(await t.app.store.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
  })

  it('is left open when the app closes: its owner closes it', async () => {
    const app = Fastify()
    await app.register(storePlugin, { store: t.store })
    await app.ready()
    await app.close()
    expect(await t.store.query('SELECT 2 AS two')).toEqual([{ two: 2 }])
  })
})

interface Run {
  code: number | null
  output: string
}

/** `npm run server` (bin/server.ts) with env; stopped with SIGTERM once it logs `until`. */
function runServer(env: Record<string, string>, until: string | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/server.ts'], {
      cwd: REPO,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let stopping = false
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (until !== null && !stopping && output.includes(until)) {
        stopping = true
        child.kill('SIGTERM')
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('npm run server with DATABASE_URL', () => {
  let db: TestDatabase
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-server-store-'))
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    await db?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens and migrates the PostgreSQL server, names it without the password, and closes it on SIGTERM', async () => {
    // The test server trusts 127.0.0.1, so any password is let in: this one must only never be printed.
    const url = new URL(db.url)
    url.password = 'never-print-me'
    const run = await runServer({ DATA_DIR: dataDir, DATABASE_URL: url.href }, '"msg":"open http')
    expect(run.code, run.output).toBe(0)
    const messages = run.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
    const at = (prefix: string) => messages.findIndex((m) => m.startsWith(prefix))
    expect(messages).toContain(`store: PostgreSQL at 127.0.0.1:${url.port}${url.pathname} as postgres`)
    // Later migrations follow the first, in order, on the same line.
    expect(messages.find((m) => m.startsWith('store migrations applied: '))).toMatch(/^store migrations applied: 001_people_and_access(, \d{3}_\w+)*$/)
    expect(at('storage: ')).toBeLessThan(at('store: '))
    expect(at('store migrations')).toBeLessThan(at('open http'))
    expect(messages.at(-1)).toBe('stopped')
    expect(run.output).not.toContain('never-print-me')
    const store = await openStore({ mode: 'server', url: db.url })
    try {
      expect(await store.query("SELECT to_regclass('store_migrations')::text AS t")).toEqual([{ t: 'store_migrations' }])
    } finally {
      await store.close()
    }
  })

  it('refuses a bad DATABASE_URL in one line naming the variable, never the password', async () => {
    const run = await runServer({ DATA_DIR: dataDir, DATABASE_URL: 'http://cc:never-print-me@db/cc' }, null)
    expect(run.code).toBe(1)
    expect(run.output.trim()).toBe(
      "error: DATABASE_URL must be a postgres:// URL such as postgres://user:password@postgres:5432/command_center (percent-encode special characters in the password); its scheme is 'http'",
    )
  })
})
