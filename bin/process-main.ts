// The shell of every long-running program: runs its start, and turns an
// expected failure (bad configuration, a data directory in use, a peer that
// cannot be reached) into one clear line and exit code 1; anything else is
// logged whole. SIGINT and SIGTERM call the program's stop once.
import { ConfigError } from '../core/env.ts'
import type { Logger } from '../core/logger.ts'
import { StorageOpenError } from '../core/storage/clickhouse.ts'
import { StoreMigrationError, StoreOpenError } from '../core/store/store.ts'

/** A start that cannot go on for a reason outside this program (e.g. Kafka unreachable). */
export class StartError extends Error {
  override name = 'StartError'
}

export interface Running {
  /** Stops cleanly; resolves with the process's exit code. */
  stop(signal: string): Promise<number>
}

export function runMain(log: Logger, start: () => Promise<Running>): void {
  let running: Running | null = null
  let stopping = false
  let signalledDuringStart: string | null = null
  const stop = (signal: string) => {
    if (stopping || running === null) return
    stopping = true
    running
      .stop(signal)
      .then((code) => process.exit(code))
      .catch((err: unknown) => {
        log.fatal({ err }, 'stop failed')
        process.exit(1)
      })
  }
  // Listening from the first moment: a signal while starting (a supervisor
  // stopping a slow start) stops cleanly once the start is done, instead of
  // killing the process halfway; a second one exits at once.
  const onSignal = (signal: string) => {
    if (running !== null) return stop(signal)
    if (signalledDuringStart !== null) process.exit(130)
    signalledDuringStart = signal
    log.info(`${signal} while starting: stopping as soon as the start is done (send it again to exit now)`)
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  start()
    .then((started) => {
      running = started
      if (signalledDuringStart !== null) stop(signalledDuringStart)
    })
    .catch((err: unknown) => {
      const expected = [ConfigError, StorageOpenError, StoreOpenError, StoreMigrationError, StartError]
      if (expected.some((kind) => err instanceof kind)) {
        process.stderr.write(`error: ${(err as Error).message}\n`)
      } else {
        log.fatal({ err }, `start failed: ${(err as Error).message}`)
      }
      process.exit(1)
    })
}
