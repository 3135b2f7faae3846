// Applies the numbered migrations of schemas/pg-migrations in order, once
// each, recording every one in store_migrations. Each migration runs in one
// transaction with its record, so a failure leaves nothing of it behind
// (PostgreSQL's DDL is transactional) and the next start tries it again.
// Processes starting at once (several servers on one database) take turns
// on a transaction-scoped advisory lock, which PGlite has as well, and each
// looks again under the lock before applying anything.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { StoreMigrationError } from './errors.ts'
import { runScript } from './sql-store.ts'
import type { Store, StoreQueryable } from './store.ts'

export const STORE_MIGRATIONS_DIR = fileURLToPath(new URL('../../schemas/pg-migrations/', import.meta.url))

// Any fixed number works, as long as every process migrating the database uses it: "cc-m".
const LOCK = 'SELECT pg_advisory_xact_lock(1667444077)'

// Created by the runner itself: the table that says which migrations ran
// cannot come from one of them.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS store_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

export interface StoreMigration {
  version: number
  /** The file name without .sql, e.g. 001_users. */
  name: string
  file: string
  sql: string
}

const NAMED = /^(\d{3})_[a-z0-9_]+\.sql$/

export function readStoreMigrations(dir: string = STORE_MIGRATIONS_DIR): StoreMigration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      // A file the runner skipped for its name would be a migration silently never applied.
      const match = NAMED.exec(file)
      if (!match) throw new StoreMigrationError(`${join(dir, file)}: a migration is named NNN_name.sql (three digits, then lower-case letters, digits and _)`)
      return { version: Number(match[1]), name: file.slice(0, -'.sql'.length), file, sql: readFileSync(join(dir, file), 'utf8') }
    })
    .sort((a, b) => a.version - b.version)
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) throw new StoreMigrationError(`${dir}: ${migrations[i - 1].file} and ${m.file} have the same number`)
  })
  return migrations
}

/** "at line N" of the statement PostgreSQL points at, when it points at one. */
function lineOf(sql: string, err: unknown): string {
  const position = Number((err as { position?: string }).position)
  return Number.isInteger(position) && position > 0 ? ` at line ${sql.slice(0, position - 1).split('\n').length}` : ''
}

async function appliedVersions(tx: StoreQueryable): Promise<Set<number>> {
  await tx.query(LOCK)
  await tx.query(CREATE_TABLE)
  const rows = await tx.query<{ version: number }>('SELECT version FROM store_migrations')
  return new Set(rows.map((r) => r.version))
}

/** Applies what is missing; returns the names of the migrations applied now. */
export async function migrateStore(store: Store, dir: string = STORE_MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readStoreMigrations(dir)
  const done = await store.transaction(appliedVersions)
  const applied: string[] = []
  for (const migration of migrations) {
    if (done.has(migration.version)) continue
    const ran = await store.transaction(async (tx) => {
      // Another process may have applied it since the look above.
      if ((await appliedVersions(tx)).has(migration.version)) return false
      try {
        await runScript(tx, migration.sql)
      } catch (err) {
        const message = `migration ${migration.file} failed${lineOf(migration.sql, err)}: ${(err as Error).message}`
        throw new StoreMigrationError(message, { cause: err })
      }
      await tx.query('INSERT INTO store_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      return true
    })
    if (ran) applied.push(migration.name)
  }
  return applied
}
