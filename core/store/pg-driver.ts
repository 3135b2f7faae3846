// The deployed store: a PostgreSQL server at DATABASE_URL through a pg pool.
import pg from 'pg'
import type { PoolClient, QueryArrayResult } from 'pg'
import type { RawResult } from './decode.ts'
import type { Driver, DriverSession } from './driver.ts'
import { StoreOpenError } from './errors.ts'
import type { TextParam } from './params.ts'

// pg's default: a few server processes on one database stay well under
// PostgreSQL's default of 100 connections.
const POOL_SIZE = 10
// Instead of pg's default of waiting for ever for a server that does not answer.
const CONNECT_TIMEOUT_MS = 10_000

// PGlite's sessions run at UTC (PGlite sets it); a server's default is its
// own setting. Every connection is set to UTC so that timestamptz arithmetic
// and casts (::date, date_trunc) give the same answers on both.
const SESSION_SETUP = "SET TIME ZONE 'UTC'"

const raw = (text: string) => text

const toRaw = (result: QueryArrayResult): RawResult => ({ fields: result.fields, rows: result.rows as RawResult['rows'] })

// Extended protocol always, as PGlite's query: without parameters pg would
// use the simple protocol, which runs several statements where PGlite refuses.
const statement = (text: string, params: TextParam[]) => ({ text, values: params, rowMode: 'array' as const, queryMode: 'extended' as const })

function describe(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost'
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(the user\'s database)'
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : ''
  return `PostgreSQL at ${host}:${url.port || '5432'}/${database}${user}`
}

function withoutPassword(message: string, url: URL): string {
  const secrets = [url.password, decodeURIComponent(url.password)].filter((s) => s.length > 0)
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message)
}

function session(client: PoolClient): DriverSession {
  return {
    query: async (text, params) => toRaw(await client.query(statement(text, params))),
    script: async (sql) => {
      await client.query(sql)
    },
  }
}

export async function openPgDriver(url: URL): Promise<Driver> {
  const pool = new pg.Pool({
    connectionString: url.href,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Every value as PostgreSQL's text: decode.ts converts them, for PGlite too.
    types: { getTypeParser: () => raw },
  })
  // An idle connection that breaks (the server restarted) is dropped by the
  // pool and replaced by the next query; unheard, its error would end the process.
  pool.on('error', () => {})
  const setUp = new WeakSet<PoolClient>()

  // Every use of a connection goes through here: a new one is set up first
  // (pg has no hook that runs a statement before a connection's first use).
  // A connection that breaks while checked out also emits 'error'; the query
  // in flight fails with it, and the pool drops it on release. fn calls
  // discard for a connection it leaves unusable, which is closed, not reused.
  async function use<T>(fn: (client: PoolClient, discard: (why: Error) => void) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    const ignore = () => {}
    client.on('error', ignore)
    let discarded: Error | undefined
    try {
      if (!setUp.has(client)) {
        await client.query(SESSION_SETUP)
        setUp.add(client)
      }
      return await fn(client, (why) => {
        discarded = why
      })
    } finally {
      client.off('error', ignore)
      client.release(discarded)
    }
  }

  const where = describe(url)
  try {
    await use((client) => client.query('SELECT 1'))
  } catch (err) {
    await pool.end()
    throw new StoreOpenError(`cannot reach ${where}: ${withoutPassword((err as Error).message, url)}`)
  }

  return {
    kind: 'postgres',
    describe: where,
    query: (text, params) => use(async (client) => toRaw(await client.query(statement(text, params)))),
    transaction: (fn) =>
      use(async (client, discard) => {
        await client.query('BEGIN')
        try {
          const result = await fn(session(client))
          await client.query('COMMIT')
          return result
        } catch (err) {
          // A connection that cannot roll back must not reach the next caller mid-transaction.
          await client.query('ROLLBACK').catch(discard)
          throw err
        }
      }),
    close: () => pool.end(),
  }
}
