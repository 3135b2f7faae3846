// Supply outages (停电). Planned, temporary and load-shedding outages are
// planned days ahead and announced before they start (planned ~7 days,
// temporary ~24 h; a few announcements are late); fault outages strike at
// random, far more often in districts under a storm, and are restored when
// their repair order is resolved. Customers of an outage call in while it
// lasts, most of them in its first half hour.
import type { AreaClass, EventType, OutageKind } from '../../schemas/events.ts'
import type { Region } from '../../schemas/territory.ts'
import type { CallSurge, Intent, StormWatch } from './call-center.ts'
import { DAY, HOUR, MINUTE } from './clock.ts'
import type { SimContext } from './context.ts'
import type { Fields } from './emitter.ts'
import { WeightedTable, type Rng } from './random.ts'
import type { Workorders } from './workorders.ts'

interface Active {
  region: Region
  start: number
  end: number
  customers: number
  share: number
  intent: Intent
}

type Scheduled = Exclude<OutageKind, 'fault'>

/** Days ahead that scheduled outages are planned, beyond the longest announcement lead. */
const PLAN_AHEAD_DAYS = 11
const PER_MILLION_CUSTOMERS_PER_DAY: Record<OutageKind, number> = { planned: 1.8, temporary: 0.6, load_shedding: 0.1, fault: 2.5 }
// Overhead lines in the countryside fail more often per customer.
const AREA_FAULT_FACTOR: Record<AreaClass, number> = { urban: 0.8, rural: 1.5, remote: 2 }
const STORM_FAULT_FACTOR = 40
// Share of affected customers who call, and how fast their calls die down.
const CALL_SHARE: Record<OutageKind, number> = { planned: 0.004, temporary: 0.008, load_shedding: 0.01, fault: 0.05 }
const CALL_DECAY = 25 * MINUTE
const CAUSES: Record<Scheduled, string> = { planned: '计划检修', temporary: '临时检修', load_shedding: '有序用电' }
const FAULT_CAUSES = ['设备故障', '外力破坏', '树障', '小动物', '电缆故障', '过负荷']
const STORM_CAUSES = ['雷击', '大风', '树障', '倒杆断线']

export class Outages {
  private active: Active[] = []
  private readonly faultPerMinute: number[]
  private readonly regionTable: WeightedTable<Region>

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly workorders: Workorders,
    private readonly storms: StormWatch,
  ) {
    const regions = ctx.territory.regions
    this.regionTable = new WeightedTable(regions.map((r) => [r, r.customers] as const))
    this.faultPerMinute = regions.map(
      (r) => (PER_MILLION_CUSTOMERS_PER_DAY.fault * (r.customers / 1e6) * AREA_FAULT_FACTOR[r.area_class] * MINUTE) / DAY,
    )
  }

  /**
   * Plans the coming days at once, then one more day each local midnight.
   * Outages starting soon after the start were announced before it: those
   * notifications come out first, at their own (earlier) times.
   */
  start(): void {
    const { clock, sched } = this.ctx
    const today = clock.day(sched.now)
    for (let d = today; d <= today + PLAN_AHEAD_DAYS; d++) this.planDay(d)
    const midnight = (day: number) => {
      sched.at(clock.dayStart(day), () => {
        this.planDay(day + PLAN_AHEAD_DAYS)
        midnight(day + 1)
      })
    }
    midnight(today + 1)
  }

  /** Fault outages starting in [t, t + span). */
  faults(t: number, span: number): void {
    this.ctx.territory.regions.forEach((region, i) => {
      const stormy = this.storms.isStormy(region.code, t)
      const rate = this.faultPerMinute[i] * (stormy ? STORM_FAULT_FACTOR : 1)
      for (let n = this.rng.poisson((rate * span) / MINUTE); n > 0; n--) this.fault(t + this.rng.int(span), region, stormy)
    })
  }

  /** Calls per minute from the customers of outages in progress at `t`. */
  callSurges(t: number): CallSurge[] {
    this.active = this.active.filter((o) => o.end > t)
    const surges: CallSurge[] = []
    for (const o of this.active) {
      if (o.start > t) continue
      const perMinute = ((o.customers * o.share * MINUTE) / CALL_DECAY) * Math.exp(-(t - o.start) / CALL_DECAY)
      surges.push({ region: o.region, perMinute, intent: o.intent, cause: 'outage' })
    }
    return surges
  }

  private planDay(day: number): void {
    const { clock } = this.ctx
    const rng = this.rng
    const dayStart = clock.dayStart(day)
    const weekday = clock.weekday(dayStart + 12 * HOUR)
    const millions = this.ctx.territory.regions.reduce((s, r) => s + r.customers, 0) / 1e6
    const expected = (kind: Scheduled) => PER_MILLION_CUSTOMERS_PER_DAY[kind] * millions * (weekday === 0 || weekday === 6 ? 0.3 : 1)
    for (let n = rng.poisson(expected('planned')); n > 0; n--) {
      const start = dayStart + roundTo(rng.uniform(7.5 * HOUR, 9.5 * HOUR), 30 * MINUTE)
      const lead = rng.chance(0.9) ? 7 * DAY + rng.uniform(0, 3 * DAY) : rng.uniform(1 * DAY, 6.8 * DAY)
      this.scheduled('planned', start, rng.pick([4, 5, 6, 7, 8]) * HOUR, lead)
    }
    for (let n = rng.poisson(expected('temporary')); n > 0; n--) {
      const start = dayStart + roundTo(rng.uniform(9 * HOUR, 17 * HOUR), 10 * MINUTE)
      const lead = rng.chance(0.85) ? DAY + rng.uniform(0, DAY) : rng.uniform(2 * HOUR, 23 * HOUR)
      this.scheduled('temporary', start, Math.max(HOUR, roundTo(rng.lognormal(2 * HOUR, 0.3), 10 * MINUTE)), lead)
    }
    for (let n = rng.poisson(expected('load_shedding')); n > 0; n--) {
      const start = dayStart + roundTo(rng.uniform(13 * HOUR, 16 * HOUR), 30 * MINUTE)
      this.scheduled('load_shedding', start, roundTo(rng.uniform(HOUR, 2.5 * HOUR), 30 * MINUTE), rng.uniform(2 * HOUR, 8 * HOUR))
    }
  }

  private scheduled(kind: Scheduled, start: number, duration: number, lead: number): void {
    if (start < this.ctx.start) return
    const rng = this.rng
    const region = this.regionTable.pick(rng)
    const id = this.ctx.ids.next('OUT')
    const customers = this.customers(kind === 'load_shedding' ? 1500 : 450, 0.7)
    const etr = start + duration
    const notifiedAt = Math.round(start - lead)
    const notified = rng.chance(0.95) ? customers : Math.round(customers * rng.uniform(0.85, 0.99))
    this.emit(notifiedAt, 'outage.notified', region, { outage_id: id, customers_notified: notified, channel: kind === 'load_shedding' ? 'app' : 'sms' })
    if (kind === 'planned' && rng.chance(0.4)) {
      // A notice posted in the neighbourhood reaches everyone, a little later.
      this.emit(Math.min(start - HOUR, notifiedAt + Math.round(rng.uniform(HOUR, DAY))), 'outage.notified', region, { outage_id: id, customers_notified: customers, channel: 'notice' })
    }
    this.emit(start, 'outage.started', region, {
      outage_id: id,
      kind,
      feeder: this.feeder(region),
      customers_affected: customers,
      key_customers_affected: rng.chance(0.12) ? 1 + rng.int(2) : 0,
      etr: new Date(etr).toISOString(),
      cause: CAUSES[kind],
    })
    const overrun = rng.chance(0.15)
    const restored = Math.round(overrun ? etr + rng.lognormal(30 * MINUTE, 0.6) : Math.max(start + 20 * MINUTE, etr - rng.uniform(0, 45 * MINUTE)))
    const revisedAt = Math.round(start + rng.uniform(5 * MINUTE, 30 * MINUTE))
    if (rng.chance(0.2) && revisedAt < restored) {
      this.emit(revisedAt, 'outage.updated', region, { outage_id: id, customers_affected: Math.round(customers * rng.uniform(0.9, 1.1)) })
    }
    if (overrun && rng.chance(0.4)) {
      // The crew sees it will not make it and pushes the ETR, not always far enough.
      this.emit(Math.round(etr - rng.uniform(5 * MINUTE, 30 * MINUTE)), 'outage.updated', region, {
        outage_id: id,
        etr: new Date(Math.round(etr + rng.uniform(20 * MINUTE, 60 * MINUTE))).toISOString(),
      })
    }
    this.emit(restored, 'outage.restored', region, { outage_id: id })
    this.active.push({ region, start, end: restored, customers, share: CALL_SHARE[kind], intent: 'consultation' })
  }

  private fault(start: number, region: Region, stormy: boolean): void {
    const rng = this.rng
    const id = this.ctx.ids.next('OUT')
    const customers = this.customers(stormy ? 900 : 650, 0.85)
    const key = rng.chance(0.08) ? 1 + rng.int(3) : 0
    const { arrived, resolved } = this.workorders.create({
      at: Math.round(start + rng.uniform(MINUTE, 6 * MINUTE)),
      category: 'fault_repair',
      region,
      priority: key > 0 ? 'urgent' : 'high',
      outageId: id,
      stormy,
      // Outages of key customers or of thousands are often taken up a level.
      escalateTo: (key > 0 || customers >= 2000) && rng.chance(0.5) ? 'county_company' : undefined,
    })
    const restored = Math.max(arrived + MINUTE, resolved - rng.int(2 * MINUTE))
    const firstEtr = rng.chance(0.4) ? start + Math.round(rng.lognormal(100 * MINUTE, 0.3)) : undefined
    this.emit(start, 'outage.started', region, {
      outage_id: id,
      kind: 'fault',
      feeder: this.feeder(region),
      customers_affected: customers,
      key_customers_affected: key,
      etr: firstEtr === undefined ? undefined : new Date(firstEtr).toISOString(),
      cause: rng.pick(stormy ? STORM_CAUSES : FAULT_CAUSES),
    })
    // Once the crew has assessed the fault: a revised count and an ETR, which
    // about one time in five proves optimistic.
    const assessedAt = Math.round(start + rng.uniform(15 * MINUTE, 45 * MINUTE))
    if (assessedAt < restored - MINUTE) {
      const etr = rng.chance(0.2) ? restored - rng.uniform(5 * MINUTE, 40 * MINUTE) : restored + rng.uniform(5 * MINUTE, 60 * MINUTE)
      this.emit(assessedAt, 'outage.updated', region, {
        outage_id: id,
        customers_affected: rng.chance(0.5) ? Math.round(customers * rng.uniform(0.8, 1.15)) : undefined,
        etr: new Date(Math.round(Math.max(etr, assessedAt + 10 * MINUTE))).toISOString(),
      })
    }
    const notifiedAt = Math.round(start + rng.uniform(5 * MINUTE, 20 * MINUTE))
    if (notifiedAt < restored) {
      this.emit(notifiedAt, 'outage.notified', region, { outage_id: id, customers_notified: Math.round(customers * rng.uniform(0.9, 1)), channel: 'sms' })
    }
    this.emit(restored, 'outage.restored', region, { outage_id: id })
    this.active.push({ region, start, end: restored, customers, share: CALL_SHARE.fault, intent: 'fault_report' })
  }

  /** Hundreds to a few thousand customers, rarely more. */
  private customers(median: number, sigma: number): number {
    return Math.min(8000, Math.max(10, Math.round(this.rng.lognormal(median, sigma))))
  }

  // About one 10 kV feeder per 4,000 customers.
  private feeder(region: Region): string {
    const feeders = Math.max(10, Math.round(region.customers / 4000))
    return `${region.code}-10kV-F${String(1 + this.rng.int(feeders)).padStart(3, '0')}`
  }

  private emit<T extends EventType>(at: number, type: T, region: Region, fields: Fields<T>): void {
    this.ctx.out.emit(at, type, 'oms', region.code, fields)
  }
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step
}
