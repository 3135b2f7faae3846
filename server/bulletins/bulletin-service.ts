// The bulletins' service: makes the one due for a period (on schedule, or
// when a lead asks for one), keeps it once per kind and period, and pushes a
// scheduled one's summary to the leads' channel through the notification
// pipeline. Every bulletin made is in the audit log: by the lead who asked,
// or by `system:bulletins` on schedule, with the outcome of its push.
import type { Principal } from '../access/access.ts'
import type { Store } from '../../core/store/store.ts'
import type { Bulletin, BulletinKind } from '../../schemas/bulletins.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { Notice } from '../alerting/notify/notifier.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { LocalDate } from '../kpi/local-time.ts'
import { bulletinId, computeBulletin, type BulletinSources } from './bulletin-builder.ts'
import { bulletinNotice } from './bulletin-notice.ts'
import { dateText, periodStarting, type BulletinPeriod } from './bulletin-periods.ts'
import { BulletinStore } from './bulletin-store.ts'

const SYSTEM = { actor: 'system:bulletins', role: 'system' }

export class BulletinError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message)
  }
}

export interface BulletinServiceOptions {
  store: Store
  sources: BulletinSources
  audit: AuditLog
  territory: Territory
  timeZone: string
  now: () => Date
  /** Sends a notice to the receivers routed for it (the notification pipeline); returns their ids. */
  push: (notice: Notice) => Promise<string[]>
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }
}

export class BulletinService {
  readonly bulletins: BulletinStore

  constructor(private readonly o: BulletinServiceOptions) {
    this.bulletins = new BulletinStore(o.store)
  }

  /** The period of a kind starting on a date, refused (400) when it is not a Monday for a weekly one or not over yet. */
  periodOf(kind: BulletinKind, first: LocalDate): BulletinPeriod {
    let period: BulletinPeriod
    try {
      period = periodStarting(kind, first, this.o.timeZone)
    } catch (err) {
      throw new BulletinError(400, (err as Error).message)
    }
    if (period.hi > this.o.now().getTime()) throw new BulletinError(400, `the ${kind} period from ${dateText(first)} is not over yet (it ends ${new Date(period.hi).toISOString()})`)
    return period
  }

  /** Makes the bulletin of a period a lead asks for (not pushed); 409 when it exists. */
  async request(kind: BulletinKind, first: LocalDate, who: Principal | null, address: string): Promise<Bulletin> {
    const period = this.periodOf(kind, first)
    const id = bulletinId(period)
    const entry = { who, action: 'bulletin.generate', target: id, address }
    if (await this.bulletins.exists(id)) {
      await this.o.audit.record({ ...entry, outcome: 'denied', detail: { reason: 'exists' } })
      throw new BulletinError(409, `the ${kind} bulletin of ${period.start} exists already: ${id}`)
    }
    const by = who?.kind === 'person' ? who.username : 'unknown'
    const bulletin = await computeBulletin(this.o.sources, period, this.o.now(), by)
    if (!(await this.bulletins.insert(bulletin, false))) throw new BulletinError(409, `the ${kind} bulletin of ${period.start} was made meanwhile: ${id}`)
    await this.o.audit.record({ ...entry, outcome: 'allowed' })
    return bulletin
  }

  /** Makes a scheduled bulletin unless its period has one; pushes it when this call made it. */
  async scheduled(period: BulletinPeriod): Promise<Bulletin | null> {
    if (await this.bulletins.exists(bulletinId(period))) return null
    const bulletin = await computeBulletin(this.o.sources, period, this.o.now(), 'schedule')
    // Another server (or a request) may have made it meanwhile: only the insert that wins pushes.
    if (!(await this.bulletins.insert(bulletin, true))) return null
    await this.o.audit.record({ who: SYSTEM, action: 'bulletin.generate', target: bulletin.id, address: '', outcome: 'allowed' })
    this.o.logger.info({ bulletin: bulletin.id }, 'bulletins: made on schedule')
    return (await this.push(bulletin)) ?? bulletin
  }

  /** Pushes what a stopped process made and did not push. */
  async pushPending(): Promise<void> {
    for (const b of await this.bulletins.unpushed()) await this.push(b)
  }

  private async push(b: Bulletin): Promise<Bulletin | null> {
    const receivers = await this.o.push(bulletinNotice(b, this.o.territory))
    const at = this.o.now()
    await this.bulletins.markPushed(b.id, at, receivers)
    await this.o.audit.record({ who: SYSTEM, action: 'bulletin.push', target: b.id, address: '', outcome: 'allowed', detail: { receivers } })
    if (receivers.length === 0) this.o.logger.warn({ bulletin: b.id }, 'bulletins: no route matches kind: bulletin, so the summary went to nobody (schemas/alerting/default.yaml has one)')
    return { ...b, pushed: { at: at.toISOString(), receivers } }
  }
}
