// A Store over either driver: the one code path. Parameters are converted
// (params.ts) and results decoded (decode.ts) here, and transactions get the
// same rules on both backends.
import { AsyncLocalStorage } from 'node:async_hooks'
import { decodeRows } from './decode.ts'
import type { Driver, DriverSession } from './driver.ts'
import { toTextParams } from './params.ts'
import type { Store, StoreQueryable } from './store.ts'

const scripts = new WeakMap<StoreQueryable, (sql: string) => Promise<void>>()

/** Runs several statements (a migration file) in a transaction, given its tx; for the migration runner. */
export function runScript(tx: StoreQueryable, sql: string): Promise<void> {
  const run = scripts.get(tx)
  if (!run) throw new Error('runScript takes the tx that a store made by openStore passes to a transaction')
  return run(sql)
}

interface TxState {
  open: boolean
  /** A statement failed: PostgreSQL then refuses the rest and turns COMMIT into ROLLBACK. */
  failed: boolean
}

// A COMMIT after a failed statement rolls back without an error. When fn
// caught such a failure and went on, its result would look committed, so
// the transaction is asked: any statement in an aborted one fails with
// 25P02. (One rolled back to a savepoint is fine and commits.)
async function refuseAborted(session: DriverSession): Promise<void> {
  try {
    await session.query('SELECT 1', [])
  } catch (err) {
    if ((err as { code?: string }).code !== '25P02') throw err
    throw new Error('the transaction was rolled back: a statement in it failed, and an error caught inside fn still aborts the transaction', { cause: err })
  }
}

interface TxHandle {
  tx: StoreQueryable
  /** Resolves when every statement asked for so far has run, awaited by fn or not. */
  settled(): Promise<unknown>
}

function transactionHandle(session: DriverSession, state: TxState): TxHandle {
  // One statement at a time, in the order they were asked for, as a
  // connection runs them anyway: pg deprecates queueing on a busy client,
  // which fn's Promise.all over tx.query would otherwise do.
  let tail: Promise<unknown> = Promise.resolve()
  const guarded = <R>(what: string, run: () => Promise<R>): Promise<R> => {
    if (!state.open) return Promise.reject(new Error(`this transaction is over: ${what} was called after its fn returned`))
    const next = tail.then(run).catch((err: unknown) => {
      state.failed = true
      throw err
    })
    tail = next.catch(() => {})
    return next
  }
  const tx: StoreQueryable = {
    query: <T extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
      guarded('tx.query', async () => decodeRows<T>(await session.query(text, toTextParams(params)))),
  }
  scripts.set(tx, (sql) => guarded('a script', () => session.script(sql)))
  return { tx, settled: () => tail }
}

export function storeOver(driver: Driver): Store {
  // The transaction whose fn is running in this async context, if any. On
  // PGlite a statement outside it would wait for it to end, forever; on a
  // server it would run on another connection, outside it. Both are refused.
  const current = new AsyncLocalStorage<TxState>()
  const refuseInside = (what: string) => {
    if (current.getStore()?.open) throw new Error(what)
  }
  let closing: Promise<void> | undefined

  return {
    kind: driver.kind,
    describe: driver.describe,
    async query<T extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      refuseInside('store.query was called inside a transaction of the same store: use the tx that transaction passes to its fn')
      return decodeRows<T>(await driver.query(text, toTextParams(params)))
    },
    async transaction<T>(fn: (tx: StoreQueryable) => Promise<T>) {
      refuseInside('transactions do not nest: store.transaction was called inside the fn of a transaction of the same store')
      return driver.transaction(async (session) => {
        const state: TxState = { open: true, failed: false }
        const handle = transactionHandle(session, state)
        try {
          const result = await current.run(state, () => fn(handle.tx))
          // A statement fn started and did not wait for still belongs before COMMIT.
          await handle.settled()
          if (state.failed) await refuseAborted(session)
          return result
        } finally {
          state.open = false
        }
      })
    },
    close: () => (closing ??= driver.close()),
  }
}
