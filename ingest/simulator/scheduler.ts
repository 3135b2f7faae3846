// The discrete-event core: tasks run in (time, order scheduled) order, so a
// run is the same however its advance() calls are cut.
import { TimeHeap, type Timed } from './heap.ts'

interface Task extends Timed {
  run: () => void
}

export class Scheduler {
  /** Time of the task being run (or of the last advance). */
  now: number
  private seq = 0
  private readonly tasks = new TimeHeap<Task>()

  constructor(start: number) {
    this.now = start
  }

  /** Runs `run` at `time`; a time in the past runs at the current time. */
  at(time: number, run: () => void): void {
    this.tasks.push({ at: Math.max(time, this.now), seq: this.seq++, run })
  }

  /** Runs every task due before `until`. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.tasks.peek()
      if (next === undefined || next.at >= until) break
      this.tasks.pop()
      this.now = next.at
      next.run()
    }
    if (until > this.now) this.now = until
  }
}
