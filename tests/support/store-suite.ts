// The store's behaviour, run against PGlite (tests/store-pglite.test.ts) and
// against a real PostgreSQL server (tests/store-postgres.test.ts): the same
// expectations on both, so both give the same values and the same rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateStore, STORE_MIGRATIONS_DIR, StoreMigrationError, type Store, type StoreQueryable } from '../../core/store/store.ts'

export interface StoreBackend {
  kind: Store['kind']
  /** A fresh, empty store: a directory or a database of its own. */
  open(): Promise<Store>
  /**
   * A second handle on the same data, as a second process would have: another
   * pool on a server; the same store when embedded (one process holds an
   * embedded directory), whose close leaves the first open.
   */
  another(store: Store): Promise<Store>
}

/** Every type the store converts, as PostgreSQL literals. */
export const TYPES_QUERY = `SELECT
  true AS bool_true, false AS bool_false,
  32767::int2 AS int2, 2147483647::int4 AS int4,
  9007199254740991::int8 AS int8_max, (-9007199254740991)::int8 AS int8_min,
  (SELECT count(*) FROM generate_series(1, 3)) AS count,
  (SELECT sum(x) FROM unnest(ARRAY[1, 2]::int8[]) x) AS sum_int8,
  1.5::numeric AS numeric, 0.1::numeric AS numeric_tenth, 12345678.125::numeric(12, 3) AS numeric_scaled,
  0.1::float8 + 0.2::float8 AS float8, 1.5::float4 AS float4,
  '{"a": [1, {"b": null}], "c": "d"}'::jsonb AS jsonb, '"text"'::jsonb AS jsonb_string, '[1, 2]'::json AS json,
  '2024-05-01 10:00:00.123456+08'::timestamptz AS timestamptz,
  '0044-03-15 12:00:00+00 BC'::timestamptz AS timestamptz_bc,
  ARRAY['a', 'b,c', 'd"e', 'f\\g', '', 'NULL', NULL, '{x}', ' spaced ']::text[] AS text_array,
  '{}'::text[] AS empty_array,
  ARRAY[1, 2]::int8[] AS int8_array, ARRAY[[1, 2], [3, 4]]::int4[] AS int4_matrix, ARRAY[true, false, NULL] AS bool_array,
  ARRAY['2024-05-01 00:00:00+00']::timestamptz[] AS timestamptz_array, ARRAY['{"a": 1}']::jsonb[] AS jsonb_array,
  ARRAY[1.5, 2]::numeric[] AS numeric_array,
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS uuid,
  'héllo'::text AS text, 'x'::varchar(3) AS varchar, 'ab'::char(3) AS bpchar,
  '2024-02-29'::date AS date, '2024-02-29 10:00:00'::timestamp AS timestamp, '1 day 02:00:00'::interval AS interval,
  NULL::int8 AS null_int8, NULL::jsonb AS null_jsonb, NULL::text[] AS null_array, NULL::timestamptz AS null_timestamptz`

export const TYPES_EXPECTED = {
  bool_true: true,
  bool_false: false,
  int2: 32767,
  int4: 2147483647,
  int8_max: Number.MAX_SAFE_INTEGER,
  int8_min: -Number.MAX_SAFE_INTEGER,
  count: 3,
  sum_int8: 3,
  numeric: 1.5,
  numeric_tenth: 0.1,
  numeric_scaled: 12345678.125,
  float8: 0.1 + 0.2,
  float4: 1.5,
  jsonb: { a: [1, { b: null }], c: 'd' },
  jsonb_string: 'text',
  json: [1, 2],
  timestamptz: new Date('2024-05-01T02:00:00.123Z'),
  timestamptz_bc: new Date('-000043-03-15T12:00:00.000Z'),
  text_array: ['a', 'b,c', 'd"e', 'f\\g', '', 'NULL', null, '{x}', ' spaced '],
  empty_array: [],
  int8_array: [1, 2],
  int4_matrix: [
    [1, 2],
    [3, 4],
  ],
  bool_array: [true, false, null],
  timestamptz_array: [new Date('2024-05-01T00:00:00.000Z')],
  jsonb_array: [{ a: 1 }],
  numeric_array: [1.5, 2],
  uuid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  text: 'héllo',
  varchar: 'x',
  bpchar: 'ab ',
  date: '2024-02-29',
  timestamp: '2024-02-29 10:00:00',
  interval: '1 day 02:00:00',
  null_int8: null,
  null_jsonb: null,
  null_array: null,
  null_timestamptz: null,
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-pg-migrations-'))
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql)
  return dir
}

const MIGRATION_A = `-- 001 items: a table and a row, to see it applied once.
CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL);
INSERT INTO items VALUES (1, 'first');
`

// A function body holds semicolons: the file must run as PostgreSQL reads it, not split on them.
const MIGRATION_B = `-- 002 audit: an append-only table, kept so by a trigger.
CREATE TABLE audit (id serial PRIMARY KEY, what text NOT NULL);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit record is append-only';
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
`

const MIGRATION_C = `-- 003 item notes: a later migration, added after the first run.
ALTER TABLE items ADD COLUMN note text;
`

const count = async (q: StoreQueryable, sql: string, params: unknown[] = []) => Number((await q.query<{ n: number }>(sql, params))[0].n)

export function storeSuite(backend: StoreBackend): void {
  describe(`the store on ${backend.kind}`, () => {
    let store: Store
    beforeAll(async () => {
      store = await backend.open()
    })
    afterAll(() => store?.close())

    describe('queries and parameters', () => {
      it('runs a statement with $n parameters and returns rows as objects', async () => {
        expect(store.kind).toBe(backend.kind)
        await store.query('CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL DEFAULT \'{}\')')
        expect(await store.query('INSERT INTO people (id, name, tags) VALUES ($1, $2, $3), ($4, $5, $6)', [1, 'Ada', ['ops', 'lead'], 2, "O'Brien \"Bob\"", []])).toEqual([])
        expect(await store.query('SELECT id, name, tags FROM people WHERE id = $1', [2])).toEqual([{ id: 2, name: "O'Brien \"Bob\"", tags: [] }])
        expect(await store.query('SELECT name FROM people WHERE $1 = ANY(tags)', ['lead'])).toEqual([{ name: 'Ada' }])
        expect(await store.query('SELECT name FROM people WHERE id = $1', [99])).toEqual([])
        expect(await store.query('UPDATE people SET name = upper(name) WHERE id = $1 RETURNING name', [1])).toEqual([{ name: 'ADA' }])
      })

      it('sends every kind of parameter as the same value', async () => {
        const [row] = await store.query(
          `SELECT $1::text AS text, $2::int4 AS int4, $3::int8 AS int8, $4::bool AS bool, $5::timestamptz AS timestamptz,
            $6::text[] AS texts, $7::jsonb AS object, $8::jsonb AS json_array, $9::int4[] AS matrix, $10::numeric AS numeric,
            $11::text AS nothing, $12::float8 AS float8, $13::jsonb AS json_text`,
          [
            'it\'s "quoted", {braced}',
            42,
            9007199254740991n,
            false,
            new Date('2024-05-01T02:00:00.123Z'),
            ['a', 'b,c', 'd"e', 'f\\g', '', 'NULL', null],
            { a: [1, { b: null }], when: new Date('2024-05-01T00:00:00Z') },
            JSON.stringify([1, 'two']),
            [
              [1, 2],
              [3, 4],
            ],
            1.25,
            null,
            -0.5,
            '{"already": "json"}',
          ],
        )
        expect(row).toEqual({
          text: 'it\'s "quoted", {braced}',
          int4: 42,
          int8: Number.MAX_SAFE_INTEGER,
          bool: false,
          timestamptz: new Date('2024-05-01T02:00:00.123Z'),
          texts: ['a', 'b,c', 'd"e', 'f\\g', '', 'NULL', null],
          object: { a: [1, { b: null }], when: '2024-05-01T00:00:00.000Z' },
          json_array: [1, 'two'],
          matrix: [
            [1, 2],
            [3, 4],
          ],
          numeric: 1.25,
          nothing: null,
          float8: -0.5,
          json_text: { already: 'json' },
        })
      })

      it('refuses two statements in one query, an undefined parameter, and two columns of one name', async () => {
        await expect(store.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands/)
        await expect(store.query('SELECT $1::int AS a, $2::int AS b', [1, undefined])).rejects.toThrow('parameter $2 is undefined: pass null for NULL')
        await expect(store.query('SELECT $1::text[] AS a', [['x', undefined]])).rejects.toThrow('parameter $1[1] is undefined')
        await expect(store.query('SELECT $1::timestamptz AS a', [new Date(Number.NaN)])).rejects.toThrow('parameter $1 is an invalid Date')
        await expect(store.query('SELECT 1 AS id, 2 AS id')).rejects.toThrow('two columns named "id"')
      })

      it('reports a failed statement with PostgreSQL\'s error and code', async () => {
        const failure = await store.query('SELECT * FROM no_such_table').catch((err: unknown) => err)
        expect(failure).toMatchObject({ message: expect.stringContaining('"no_such_table" does not exist'), code: '42P01' })
      })
    })

    describe('types', () => {
      it('reads every type as the same JavaScript value', async () => {
        const [row] = await store.query(TYPES_QUERY)
        expect(row).toStrictEqual(TYPES_EXPECTED)
        expect(row.timestamptz).toBeInstanceOf(Date)
        expect(typeof row.count).toBe('number')
      })

      it('writes and reads back columns of every type', async () => {
        await store.query(`CREATE TABLE typed (
          b boolean, i8 int8, n numeric, f float8, j jsonb, t timestamptz, arr text[], u uuid, d date, i4s int4[]
        )`)
        const values = [true, 9007199254740991, 123.456, 2.5, { deep: { list: [1, 'x'] } }, new Date('2030-12-31T23:59:59.999Z'), ['x', 'y'], 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '2024-02-29', [3, 1]]
        await store.query('INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', values)
        expect(await store.query('SELECT * FROM typed')).toStrictEqual([
          { b: true, i8: 9007199254740991, n: 123.456, f: 2.5, j: { deep: { list: [1, 'x'] } }, t: new Date('2030-12-31T23:59:59.999Z'), arr: ['x', 'y'], u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', d: '2024-02-29', i4s: [3, 1] },
        ])
      })

      it('refuses a value JavaScript cannot hold exactly, naming the column', async () => {
        await expect(store.query('SELECT 9007199254740992::int8 AS big')).rejects.toThrow('column "big" (int8) holds 9007199254740992, beyond Number.MAX_SAFE_INTEGER')
        await expect(store.query('SELECT -9007199254740992::int8 AS low')).rejects.toThrow('column "low" (int8)')
        await expect(store.query('SELECT 1e20::numeric AS huge')).rejects.toThrow('column "huge" (numeric)')
        await expect(store.query('SELECT ARRAY[9007199254740992]::int8[] AS bigs')).rejects.toThrow('column "bigs" (int8)')
        await expect(store.query("SELECT 'infinity'::timestamptz AS forever")).rejects.toThrow('column "forever" (timestamptz) holds \'infinity\', which has no JavaScript Date')
        // What the message advises works.
        expect(await store.query('SELECT 9007199254740993::int8::text AS big')).toEqual([{ big: '9007199254740993' }])
      })

      it('sorts text the same way (collation C) and runs sessions at UTC', async () => {
        const [row] = await store.query("SELECT (SELECT array_agg(v ORDER BY v) FROM unnest(ARRAY['b', 'a', 'B', '_a', 'é', 'Z']) v) AS sorted, current_setting('TimeZone') AS zone")
        expect(row).toEqual({ sorted: ['B', 'Z', '_a', 'a', 'b', 'é'], zone: 'UTC' })
        expect(await store.query("SELECT ('2024-05-01 23:30:00+00'::timestamptz)::date::text AS day")).toEqual([{ day: '2024-05-01' }])
      })
    })

    describe('transactions', () => {
      beforeAll(async () => {
        await store.query('CREATE TABLE tx_items (id int PRIMARY KEY, tag text)')
      })
      const ids = async () => (await store.query<{ id: number }>('SELECT id FROM tx_items ORDER BY id')).map((r) => r.id)

      it('commits what fn did and returns its result', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_items (id) VALUES ($1)', [1])
          await tx.query('INSERT INTO tx_items (id) VALUES ($1)', [2])
          return (await tx.query<{ n: number }>('SELECT count(*) AS n FROM tx_items'))[0].n
        })
        expect(result).toBe(2)
        expect(await ids()).toEqual([1, 2])
      })

      it('rolls back when fn throws, and rethrows the same error', async () => {
        const boom = new Error('boom')
        await expect(
          store.transaction(async (tx) => {
            await tx.query('INSERT INTO tx_items (id) VALUES (3)')
            throw boom
          }),
        ).rejects.toBe(boom)
        await expect(store.transaction((tx) => tx.query('INSERT INTO tx_items (id) VALUES (1)'))).rejects.toMatchObject({ code: '23505' })
        expect(await ids()).toEqual([1, 2])
      })

      it('rolls back, and says so, when fn catches a failed statement and returns', async () => {
        const attempt = store.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_items (id) VALUES (4)')
          await tx.query('INSERT INTO tx_items (id) VALUES (1)').catch(() => 'ignored')
          return 'looks fine'
        })
        await expect(attempt).rejects.toThrow('the transaction was rolled back: a statement in it failed')
        expect(await ids()).toEqual([1, 2])
      })

      it('commits a transaction that rolled back to a savepoint after a failure', async () => {
        await store.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_items (id) VALUES (5)')
          await tx.query('SAVEPOINT before_duplicate')
          await tx.query('INSERT INTO tx_items (id) VALUES (1)').catch(() => tx.query('ROLLBACK TO SAVEPOINT before_duplicate'))
          await tx.query('INSERT INTO tx_items (id) VALUES (6)')
        })
        expect(await ids()).toEqual([1, 2, 5, 6])
      })

      it('does not nest, refuses the store itself inside fn, and refuses a tx used after its end', async () => {
        await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow('transactions do not nest')
        await expect(store.transaction(() => store.query('SELECT 1'))).rejects.toThrow('store.query was called inside a transaction of the same store')
        let leaked: StoreQueryable | undefined
        await store.transaction(async (tx) => {
          leaked = tx
        })
        await expect(leaked!.query('SELECT 1')).rejects.toThrow('this transaction is over')
        // Work the fn started and left running is not refused once the transaction has ended.
        let later: Promise<unknown> | undefined
        await store.transaction(async () => {
          later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => store.query('SELECT 1 AS one'))
        })
        expect(await later).toEqual([{ one: 1 }])
      })

      it('runs the statements of one transaction in the order asked for, when fn does not wait for each', async () => {
        // Each statement sees those before it in its transaction: the k-th counts k - 1 rows before it.
        const before = await store.transaction((tx) =>
          Promise.all(
            [50, 51, 52, 53].map(async (id) => {
              const [row] = await tx.query<{ n: number }>("INSERT INTO tx_items (id, tag) VALUES ($1, 'ordered') RETURNING (SELECT count(*) FROM tx_items WHERE tag = 'ordered') AS n", [id])
              return row.n
            }),
          ),
        )
        expect(before).toEqual([0, 1, 2, 3])
        // One fn did not wait for is still part of the transaction, and commits with it.
        await store.transaction(async (tx) => {
          void tx.query("INSERT INTO tx_items (id, tag) VALUES (54, 'ordered')")
        })
        expect(await count(store, "SELECT count(*) AS n FROM tx_items WHERE tag = 'ordered'")).toBe(5)
      })

      it('runs concurrent transactions side by side, each with its own statements', async () => {
        const tags = ['a', 'b', 'c', 'd']
        const seen = await Promise.all(
          tags.map((tag, i) =>
            store.transaction(async (tx) => {
              for (let k = 0; k < 5; k++) await tx.query('INSERT INTO tx_items (id, tag) VALUES ($1, $2)', [100 + i * 10 + k, tag])
              return count(tx, 'SELECT count(*) AS n FROM tx_items WHERE tag = $1', [tag])
            }),
          ),
        )
        expect(seen).toEqual([5, 5, 5, 5])
        expect(await count(store, 'SELECT count(*) AS n FROM tx_items WHERE tag = ANY($1)', [tags])).toBe(20)
      })
    })

    describe('migrations', () => {
      const dirs: string[] = []
      const dir = (files: Record<string, string>) => {
        const made = migrationsDir(files)
        dirs.push(made)
        return made
      }
      afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

      it('applies the project\'s migrations, once (an empty directory is fine)', async () => {
        const fresh = await backend.open()
        try {
          const first = await migrateStore(fresh)
          expect(first).toEqual(first.filter((name) => /^\d{3}_/.test(name)))
          expect(await migrateStore(fresh, STORE_MIGRATIONS_DIR)).toEqual([])
          expect(await migrateStore(fresh, dir({}))).toEqual([])
          expect(await count(fresh, 'SELECT count(*) AS n FROM store_migrations')).toBe(first.length)
        } finally {
          await fresh.close()
        }
      })

      it('applies each migration once, in order; a second run applies none; a new one alone later', async () => {
        const fresh = await backend.open()
        try {
          const files = dir({ '002_audit.sql': MIGRATION_B, '001_items.sql': MIGRATION_A, 'README.md': 'not a migration' })
          expect(await migrateStore(fresh, files)).toEqual(['001_items', '002_audit'])
          expect(await migrateStore(fresh, files)).toEqual([])
          writeFileSync(join(files, '003_item_notes.sql'), MIGRATION_C)
          expect(await migrateStore(fresh, files)).toEqual(['003_item_notes'])
          expect(await fresh.query('SELECT version, name FROM store_migrations ORDER BY version')).toEqual([
            { version: 1, name: '001_items' },
            { version: 2, name: '002_audit' },
            { version: 3, name: '003_item_notes' },
          ])
          expect(await fresh.query('SELECT * FROM items')).toEqual([{ id: 1, label: 'first', note: null }])
          await fresh.query("INSERT INTO audit (what) VALUES ('login')")
          await expect(fresh.query("UPDATE audit SET what = 'edited'")).rejects.toThrow('the audit record is append-only')
        } finally {
          await fresh.close()
        }
      })

      it('applies each migration once when two runners start at once', async () => {
        const fresh = await backend.open()
        const other = await backend.another(fresh)
        try {
          // The first one is slow, so that both runners are at it together.
          const files = dir({ '001_items.sql': `${MIGRATION_A}SELECT pg_sleep(0.3);\n`, '002_audit.sql': MIGRATION_B })
          const [a, b] = await Promise.all([migrateStore(fresh, files), migrateStore(other, files)])
          expect([...a, ...b].sort()).toEqual(['001_items', '002_audit'])
          expect(await count(fresh, 'SELECT count(*) AS n FROM items')).toBe(1)
          expect(await count(fresh, 'SELECT count(*) AS n FROM store_migrations')).toBe(2)
        } finally {
          await other.close()
          await fresh.close()
        }
      })

      it('leaves nothing of a failed migration, names its file and line, and applies it once fixed', async () => {
        const fresh = await backend.open()
        try {
          const bad = `-- 002 half done: fails after its first statements.
CREATE TABLE half_done (id int);
INSERT INTO half_done VALUES (1);
SELECT no_such_function();
`
          const files = dir({ '001_items.sql': MIGRATION_A, '002_half_done.sql': bad })
          const failure = await migrateStore(fresh, files).catch((err: unknown) => err)
          expect(failure).toBeInstanceOf(StoreMigrationError)
          expect((failure as Error).message).toMatch(/^migration 002_half_done\.sql failed at line 4: function no_such_function\(\) does not exist/)
          expect(await fresh.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }])
          expect(await fresh.query('SELECT name FROM store_migrations')).toEqual([{ name: '001_items' }])
          writeFileSync(join(files, '002_half_done.sql'), bad.replace('SELECT no_such_function();', 'SELECT 1;'))
          expect(await migrateStore(fresh, files)).toEqual(['002_half_done'])
          expect(await fresh.query('SELECT id FROM half_done')).toEqual([{ id: 1 }])
        } finally {
          await fresh.close()
        }
      })

      it('refuses a .sql file not named NNN_name.sql, and two files of one number', async () => {
        await expect(migrateStore(store, dir({ '001_items.sql': MIGRATION_A, 'items-extra.sql': 'SELECT 1;' }))).rejects.toThrow(/items-extra\.sql: a migration is named NNN_name\.sql/)
        await expect(migrateStore(store, dir({ '001_items.sql': MIGRATION_A, '001_other.sql': 'SELECT 1;' }))).rejects.toThrow('001_items.sql and 001_other.sql have the same number')
      })
    })
  })
}
