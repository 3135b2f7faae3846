// A scheduler on a virtual clock for the notification pipeline's tests:
// timers fire in order of their instants as the test advances the clock, and
// after each one the test waits for the work it started (store writes,
// sends) to finish before the next fires, so hours of grouping, retries and
// escalation run in milliseconds and never depend on the hour of the run.
import type { Scheduler, Timer } from '../../server/alerting/notify/scheduler.ts'

interface Pending {
  at: number
  seq: number
  fn: () => void
  cancelled: boolean
}

export class VirtualScheduler implements Scheduler {
  private timers: Pending[] = []
  private seq = 0

  /** `settle` resolves when the work started by a timer has finished (the pipeline's idle()). */
  constructor(
    private t: number,
    private settle: () => Promise<void> = async () => {},
  ) {}

  now(): number {
    return this.t
  }

  at(at: number, fn: () => void): Timer {
    const timer: Pending = { at, seq: this.seq++, fn, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => void (timer.cancelled = true) }
  }

  /** What timer-started work waits on (set once the pipeline exists). */
  settleWith(settle: () => Promise<void>): void {
    this.settle = settle
  }

  /** Runs every timer due up to `ms` from now, in order, each one's work finished before the next. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms
    await this.quiet()
    for (;;) {
      this.timers = this.timers.filter((x) => !x.cancelled)
      const next = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!next) break
      this.timers.splice(this.timers.indexOf(next), 1)
      this.t = Math.max(this.t, next.at)
      next.fn()
      await this.quiet()
    }
    this.t = Math.max(this.t, target)
  }

  /**
   * Time passing inside work (a vendor slow to answer): moves the clock on by
   * `ms`, running the timers due meanwhile without waiting for the work they
   * start, since the caller is itself work the pipeline waits for.
   */
  elapse(ms: number): void {
    const target = this.t + ms
    for (;;) {
      const next = this.timers.filter((x) => !x.cancelled && x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!next) break
      this.timers.splice(this.timers.indexOf(next), 1)
      this.t = Math.max(this.t, next.at)
      next.fn()
    }
    this.t = target
  }

  /** Lets promises and the store's I/O run, then waits for the pipeline to be idle. */
  async quiet(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    await this.settle()
    await new Promise((resolve) => setImmediate(resolve))
    await this.settle()
  }
}
