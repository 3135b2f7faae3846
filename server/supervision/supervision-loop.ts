// The supervision orders' heartbeat: every few seconds, the teams' new
// answers are applied and the deadlines checked. One pass at a time; a pass
// that fails is logged and the next one tries again (nothing is lost: the
// inbox is read from the cursor, the deadlines from the store).
import type { SupervisionInbox } from './supervision-inbox.ts'
import type { SupervisionService } from './supervision-service.ts'

export class SupervisionLoop {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()
  private stopped = true

  constructor(
    private readonly service: SupervisionService,
    private readonly inbox: () => Promise<SupervisionInbox>,
    private readonly everyMs: number,
    private readonly logger: { error(obj: object, msg: string): void },
  ) {}

  start(): void {
    this.stopped = false
    this.schedule()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running.catch(() => {})
  }

  /** One pass now (after the one under way): answers first, so that an answer in time is never reminded. */
  pass(): Promise<void> {
    this.running = this.running.catch(() => {}).then(async () => {
      const inbox = await this.inbox()
      for (const answer of await inbox.read()) await this.service.apply(answer)
      await this.service.checkDeadlines()
    })
    return this.running
  }

  private schedule(): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.pass()
        .catch((err: Error) => {
          this.logger.error({ err: err.message }, 'supervision: a pass failed; the next one retries')
        })
        .finally(() => this.schedule())
    }, this.everyMs)
  }
}
