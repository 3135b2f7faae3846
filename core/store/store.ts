// The operational store: users, sessions, devices, API tokens, alerts,
// supervision orders, handovers, the log and the audit record, in
// PostgreSQL (ClickHouse keeps the events). Embedded by default (PGlite, a
// real PostgreSQL in-process, data under $DATA_DIR/pg) and a PostgreSQL
// server when DATABASE_URL is set. One SQL dialect, one set of migrations
// and one code path for both: only the driver under a Store differs, and
// parameters and results go through the same conversion either way.
//
// Values read back are the same JavaScript values on both backends:
//   boolean → boolean; int2, int4, int8, oid, float4, float8, numeric → number
//   (an int8 or numeric beyond Number.MAX_SAFE_INTEGER throws: cast it to
//   text in the query); json, jsonb → the parsed value; timestamptz → Date
//   (milliseconds; 'infinity' throws); arrays of these → arrays of them
//   (text[] → string[]); uuid, text, varchar, date, timestamp (without time
//   zone), interval and every other type → PostgreSQL's text output.
// Parameters ($1, $2, …) are sent as PostgreSQL text: string as it is,
// number, bigint and boolean as their literals, Date as ISO 8601 (UTC), a
// JavaScript array as a PostgreSQL array, any other object as JSON; null is
// NULL and undefined is refused. A JSON array for a json(b) parameter must be
// passed as JSON.stringify(value): a bare array means a PostgreSQL array.
// Sessions run with TimeZone UTC on both backends (PGlite's default), so
// date arithmetic on timestamptz gives the same answers.
export interface StoreQueryable {
  /** Runs one SQL statement with $1-style parameters; rows as plain objects. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>
}

export interface Store extends StoreQueryable {
  readonly kind: 'pglite' | 'postgres'
  /** What it talks to, safe to print (never a password). */
  readonly describe: string
  /** fn inside BEGIN … COMMIT (ROLLBACK when it throws; the error is rethrown). Transactions do not nest: calling transaction inside fn is an error. */
  transaction<T>(fn: (tx: StoreQueryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export type StoreConfig = { mode: 'embedded'; dir: string } | { mode: 'server'; url: URL }

export { StoreMigrationError, StoreOpenError } from './errors.ts'
export { loadStoreConfig } from './config.ts'
export { openStore } from './open.ts'
export { migrateStore, STORE_MIGRATIONS_DIR } from './migrate.ts'
export { openMigratedStore } from './open-migrated.ts'
