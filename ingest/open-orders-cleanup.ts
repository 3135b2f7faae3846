// Keeps workorders_open the size of the open backlog: a cleanup merge drops
// closed orders (deletion markers) with all their older versions. Correctness
// never depends on it (FINAL hides closed orders either way); it bounds the
// rows a "now" query reads. Run by the process that ingests.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Logger } from '../core/logger.ts'

export function startOpenOrdersCleanup(client: ClickHouseClient, logger: Logger, intervalMs = 10 * 60_000): { stop(): void } {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      await client.command({ query: 'OPTIMIZE TABLE workorders_open FINAL CLEANUP' })
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'open work orders cleanup failed; will try again')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void run(), intervalMs)
  timer.unref()
  void run()
  return { stop: () => clearInterval(timer) }
}
