// The pipeline's work that is running now (a flush reading the log, a send,
// a record being written), counted so that stopping can wait for it and a
// test on a virtual clock knows when everything a timer started has finished
// before it moves the clock on. Waiting for a timer is not work: retries and
// digests wait by scheduling, never by awaiting inside tracked work.

export class InFlight {
  private count = 0
  private waiters: Array<() => void> = []

  get busy(): boolean {
    return this.count > 0
  }

  /** Runs `fn` counted; its failure is the caller's (the promise rejects as fn's does). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.count += 1
    try {
      return await fn()
    } finally {
      this.count -= 1
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake()
    }
  }

  /** Resolves when nothing is running. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve))
  }
}
