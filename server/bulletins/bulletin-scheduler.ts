// Makes each bulletin once at its time: every `checkMs`, for each kind the
// latest instant it fell due (by the app's clock, in the center's zone) names
// a period, and the period's bulletin is made unless the store has it. The
// store's unique key on kind and period makes this exactly once across
// restarts and servers; a server that was down at the time makes the latest
// one it missed when it starts. Summaries a stopped process did not push are
// pushed on the next pass. One pass at a time; a failed pass is logged and
// the next one tries again. The timer's passes wait for the figures to be
// the truth (`ready`: a tick made over stored events, no history still
// loading on a first start), so that no bulletin is frozen half-counted.
import type { BulletinKind } from '../../schemas/bulletins.ts'
import type { BulletinConfig } from './bulletin-config.ts'
import { bulletinId } from './bulletin-builder.ts'
import { lastDue } from './bulletin-periods.ts'
import type { BulletinService } from './bulletin-service.ts'

export class BulletinScheduler {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()
  private stopped = true
  /** Periods known to have their bulletin, so that a pass asks the store only about a new one. */
  private readonly done = new Set<string>()

  constructor(
    private readonly service: BulletinService,
    private readonly config: Pick<BulletinConfig, 'daily' | 'weekly' | 'checkMs'>,
    private readonly timeZone: string,
    private readonly now: () => Date,
    private readonly ready: () => boolean,
    private readonly logger: { error(obj: object, msg: string): void },
  ) {}

  start(): void {
    this.stopped = false
    this.schedule(this.config.checkMs)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running.catch(() => {})
  }

  /** One pass now (after the one under way), ready or not. */
  check(): Promise<void> {
    this.running = this.running.catch(() => {}).then(() => this.pass())
    return this.running
  }

  private async pass(): Promise<void> {
    const at = this.now().getTime()
    for (const kind of ['daily', 'weekly'] as const satisfies readonly BulletinKind[]) {
      const due = this.config[kind]
      if (due === null) continue
      const { period } = lastDue(kind, due, at, this.timeZone)
      const id = bulletinId(period)
      if (this.done.has(id)) continue
      await this.service.scheduled(period)
      this.done.add(id)
    }
    await this.service.pushPending()
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      const pass = this.ready() ? this.check() : Promise.resolve()
      pass
        .catch((err: Error) => this.logger.error({ err: err.message }, 'bulletins: a pass failed; the next one retries'))
        .finally(() => this.schedule(this.config.checkMs))
    }, delayMs)
    this.timer.unref()
  }
}
