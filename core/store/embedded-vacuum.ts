// PGlite runs PostgreSQL inside this process without its background
// workers, so no autovacuum: every update or delete (alerts rewritten as
// they move, sessions touched, notification attempts, supervision orders)
// leaves a dead row version that nothing reclaims, and tables and indexes
// grow for as long as the server runs (measured: a 1,000-row table updated
// 20 times took 17 times its size). The embedded store is vacuumed here at a
// fixed period; a PostgreSQL server's own autovacuum does it there, so this
// runs for the embedded store only. VACUUM (not FULL) takes no lock that
// stops reads or writes and reuses the space in place; ANALYZE keeps the
// planner's statistics, which nothing else updates either. It runs on the
// server's thread: measured 0.15–0.2 s for a store with a 200,000-row
// table, once an hour (a tick that falls then is that much late).
import type { Store } from './store.ts'

/** How often the embedded store is vacuumed. */
export const VACUUM_EVERY_MS = 3_600_000

export interface VacuumLogger {
  debug(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

/** Vacuums (and analyzes) the whole embedded store once; returns how long it took (ms). */
export async function vacuumStore(store: Store): Promise<number> {
  const started = performance.now()
  await store.query('VACUUM (ANALYZE)')
  return performance.now() - started
}

/**
 * Vacuums an embedded store every `everyMs` until stopped; a server's store
 * is left to its autovacuum. One vacuum at a time; a failure is logged and
 * the next period tries again.
 */
export function vacuumPeriodically(store: Store, logger: VacuumLogger, everyMs = VACUUM_EVERY_MS): { stop(): Promise<void> } {
  if (store.kind !== 'pglite') return { stop: () => Promise.resolve() }
  let running: Promise<void> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = vacuumStore(store)
      .then((ms) => logger.debug({ ms: Math.round(ms) }, 'embedded store vacuumed'))
      .catch((err: unknown) => logger.warn({ err }, 'vacuuming the embedded store failed; tried again in the next period'))
      .finally(() => (running = null))
  }, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
