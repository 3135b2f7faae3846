// Everything in the pipeline that waits (group wait and interval, retry
// backoff, a digest's window, the next escalation tier) waits on this, not on
// setTimeout directly: the server runs it on real timers and the app's clock,
// tests on a virtual clock they advance, so hours of escalation run in
// milliseconds and never depend on the hour of the run.

export interface Timer {
  cancel(): void
}

export interface Scheduler {
  /** Epoch ms. */
  now(): number
  /** Runs `fn` at the instant `at` (epoch ms), or as soon as possible when it has passed. */
  at(at: number, fn: () => void): Timer
}

// setTimeout holds at most 2^31-1 ms (24.8 days); a later instant re-arms.
const MAX_DELAY = 2 ** 31 - 1

/** Real timers against `now` (the app's clock): a delay is the distance from now to the instant. */
export function realScheduler(now: () => Date = () => new Date()): Scheduler {
  return {
    now: () => now().getTime(),
    at(at, fn) {
      let handle: NodeJS.Timeout
      const arm = () => {
        const delay = Math.max(0, at - now().getTime())
        // A timer never keeps the process alive: the app's close cancels them anyway.
        handle = setTimeout(delay > MAX_DELAY ? arm : fn, Math.min(delay, MAX_DELAY)).unref()
      }
      arm()
      return { cancel: () => clearTimeout(handle) }
    },
  }
}
