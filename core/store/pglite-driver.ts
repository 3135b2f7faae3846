// The embedded store: PGlite (PostgreSQL compiled to WebAssembly) in this
// process, its data in a directory on disk.
import { accessSync, constants, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PGlite, Results, Transaction } from '@electric-sql/pglite'
import type { RawResult } from './decode.ts'
import { lockDirectory } from './dir-lock.ts'
import type { Driver } from './driver.ts'
import { StoreOpenError } from './errors.ts'
import type { TextParam } from './params.ts'

const raw = (text: string) => text

const toRaw = (result: Results<unknown[]>): RawResult => ({ fields: result.fields, rows: result.rows as RawResult['rows'] })

function usableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK)
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException
    throw new StoreOpenError(`cannot use ${dir} for the embedded PostgreSQL (${code ?? message}): set DATA_DIR to a directory this process can write`)
  }
}

function pgVersion(dir: string): string | null {
  try {
    return readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()
  } catch {
    return null
  }
}

async function create(dir: string): Promise<PGlite> {
  const version = pgVersion(dir)
  // PGlite would lay a new cluster over whatever the directory holds.
  if (version === null && readdirSync(dir).length > 0) {
    throw new StoreOpenError(`${dir} is not empty and holds no PostgreSQL data: the embedded store is not created over it (empty it, or set DATA_DIR to another directory)`)
  }
  // Loaded only here: a process that uses a PostgreSQL server never loads the engine.
  const { PGlite } = await import('@electric-sql/pglite')
  let db: PGlite
  try {
    db = await PGlite.create({ dataDir: dir })
  } catch (err) {
    const made = version === null ? '' : ` (its files were made by PostgreSQL ${version})`
    throw new StoreOpenError(`cannot open the embedded PostgreSQL at ${dir}${made}: ${(err as Error).message}`)
  }
  // Text in and text out, as pg is set up: params.ts and decode.ts convert
  // values for both drivers. PGlite's own converters are keyed by type OID,
  // those of array types added when it opens; every one present is replaced.
  for (const oid of Object.keys(db.parsers)) db.parsers[oid] = raw
  for (const oid of Object.keys(db.serializers)) db.serializers[oid] = raw
  return db
}

// PGlite puts the statement's parameters on its errors, and an error is
// logged whole: parameters hold secrets (a session's CSRF token, a password
// hash), so they are taken off. The statement text stays, as pg's errors have it.
async function withoutParams<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err !== null && typeof err === 'object' && 'params' in err) delete (err as { params?: unknown }).params
    throw err
  }
}

function session(tx: Transaction) {
  return {
    query: (text: string, params: TextParam[]) => withoutParams(async () => toRaw(await tx.query<unknown[]>(text, params, { rowMode: 'array' }))),
    script: async (sql: string) => {
      await tx.exec(sql)
    },
  }
}

export async function openPgliteDriver(dir: string): Promise<Driver> {
  usableDir(dir)
  const lock = await lockDirectory(dir)
  if (!lock) {
    throw new StoreOpenError(`the embedded PostgreSQL at ${dir} is in use by another process or store (stop it first, or set DATA_DIR to another directory)`)
  }
  let db: PGlite
  try {
    db = await create(dir)
  } catch (err) {
    await lock.release()
    throw err
  }
  return {
    kind: 'pglite',
    describe: `embedded PostgreSQL (PGlite) at ${dir}`,
    query: (text, params) => withoutParams(async () => toRaw(await db.query<unknown[]>(text, params, { rowMode: 'array' }))),
    // PGlite runs one transaction at a time: a second waits for the first to end.
    transaction: (fn) => db.transaction((tx) => fn(session(tx))),
    async close() {
      try {
        await db.close()
      } finally {
        await lock.release()
      }
    },
  }
}
