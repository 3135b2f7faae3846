// Work orders (工单), created after calls and outages. Each order's whole
// life is drawn at creation: its timings are what the SLA KPIs measure, and
// they are drawn so that breaches happen at about the reference rates of
// DOMAIN.md (on-time repair arrival ~97.6%, complaints contacted within 2 h,
// callbacks within 3 days, arrears reconnected within 24 h, mostly).
import type { AreaClass, EventType, WorkorderCategory } from '../../schemas/events.ts'
import type { CUSTOMER_TIERS, PRIORITIES } from '../../schemas/events.ts'
import type { Region } from '../../schemas/territory.ts'
import { DAY, HOUR, MINUTE } from './clock.ts'
import type { SimContext } from './context.ts'
import type { Fields } from './emitter.ts'
import type { Rng } from './random.ts'
import type { Surveys } from './surveys.ts'

export type Priority = (typeof PRIORITIES)[number]
export type CustomerTier = (typeof CUSTOMER_TIERS)[number]

/** The product's default arrival SLA of a fault repair, by area class. */
const ARRIVAL_SLA_MINUTES: Record<AreaClass, number> = { urban: 45, rural: 90, remote: 120 }
// Median arrival as a share of the SLA, and the spread: about 2% of
// arrivals miss the SLA in fair weather, about 6% during a storm, which
// makes 2–3% over weeks with storms.
const ARRIVAL_MEDIAN_SHARE = 0.48
const ARRIVAL_SIGMA = 0.36
const STORM_SLOWDOWN = 1.2
const REPAIR_MEDIAN = 38 * MINUTE
const COMPLAINT_CONTACT_SLA = 2 * HOUR
// Median minutes from creation to resolution, and log-sigma, of office work.
const RESOLVE: Record<Exclude<WorkorderCategory, 'fault_repair'>, readonly [number, number]> = {
  complaint: [20 * 60, 0.6],
  consultation: [6 * 60, 0.7],
  business: [30 * 60, 0.6],
  arrears_reconnect: [180, 1.05],
  feedback: [24 * 60, 0.6],
}
const REOPEN_SHARE = 0.02
const COMPLAINT_ESCALATION_SHARE = 0.007
const SUPERVISORS = ['值班长-李明', '值班员-王芳', '值班员-张伟', '值班员-陈静']

export interface WorkorderSpec {
  at: number
  category: WorkorderCategory
  region: Region
  priority: Priority
  callId?: string
  outageId?: string
  tier?: CustomerTier
  /** Created during a storm in its region: crews are slower. */
  stormy?: boolean
  /** Level the order is escalated to soon after creation (a major outage). */
  escalateTo?: string
}

/** When a field crew arrived and when the order was resolved (an outage restores with it). */
export interface Timeline {
  arrived: number
  resolved: number
}

export class Workorders {
  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly surveys: Surveys,
    private readonly fieldTeams: readonly string[],
    private readonly backoffice: readonly string[],
  ) {}

  create(spec: WorkorderSpec): Timeline {
    const id = this.ctx.ids.next('WO')
    const c = spec.at
    const emit = <T extends EventType>(at: number, type: T, fields: Fields<T>) =>
      this.ctx.out.emit(Math.round(at), type, 'crm', spec.region.code, fields)
    const ref = { workorder_id: id }
    emit(c, 'workorder.created', {
      workorder_id: id,
      category: spec.category,
      priority: spec.priority,
      area_class: spec.region.area_class,
      customer_tier: spec.tier,
      outage_id: spec.outageId,
      call_id: spec.callId,
    })

    const { category } = spec
    const repair = category === 'fault_repair'
    const complaint = category === 'complaint'
    const fast = repair || complaint || spec.priority === 'urgent'
    const team = repair || (complaint && this.rng.chance(0.3)) ? this.fieldTeam(spec.region) : this.rng.pick(this.backoffice)
    const dispatched = c + this.minutes(fast ? 1 : 5, fast ? 4 : 60)
    const accepted = dispatched + this.minutes(fast ? 1 : 5, fast ? 5 : 90)
    emit(dispatched, 'workorder.dispatched', { workorder_id: id, team })
    emit(accepted, 'workorder.accepted', ref)

    let late = false
    let arrived = accepted
    let resolved: number
    if (repair) {
      const sla = ARRIVAL_SLA_MINUTES[spec.region.area_class] * MINUTE
      const median = sla * ARRIVAL_MEDIAN_SHARE * (spec.stormy ? STORM_SLOWDOWN : 1)
      arrived = Math.max(accepted + 2 * MINUTE, c + this.rng.lognormal(median, ARRIVAL_SIGMA))
      late = arrived - c > sla
      // The command center presses a crew about to miss its deadline (限时督办),
      // and a badly late one goes up a level.
      const pressed = c + 0.8 * sla + this.minutes(0, 3)
      if (pressed < arrived) {
        emit(pressed, 'workorder.supervised', {
          workorder_id: id,
          by: this.rng.pick(SUPERVISORS),
          note: '到达现场即将超时，请加快处理',
        })
      }
      if (arrived - c > 1.5 * sla) emit(c + 1.5 * sla, 'workorder.escalated', { workorder_id: id, to_level: 'city_company' })
      emit(arrived, 'workorder.arrived', ref)
      resolved = arrived + this.rng.lognormal(REPAIR_MEDIAN * (spec.stormy ? 1.3 : 1), 0.5)
    } else {
      if (complaint || (category === 'business' && this.rng.chance(0.5))) {
        const contacted = Math.max(accepted + this.minutes(1, 5), c + this.rng.lognormal(35 * MINUTE, 0.7))
        if (complaint && contacted - c > 0.8 * COMPLAINT_CONTACT_SLA) {
          emit(c + 0.8 * COMPLAINT_CONTACT_SLA, 'workorder.supervised', {
            workorder_id: id,
            by: this.rng.pick(SUPERVISORS),
            note: '投诉首次联系即将超时',
          })
        }
        late = complaint && contacted - c > COMPLAINT_CONTACT_SLA
        emit(contacted, 'workorder.contacted', ref)
        arrived = contacted
      }
      const [median, sigma] = RESOLVE[category]
      resolved = Math.max(arrived + 10 * MINUTE, c + this.rng.lognormal(median * MINUTE, sigma))
      if (category === 'arrears_reconnect') late = resolved - c > DAY
    }
    if (complaint && this.rng.chance(COMPLAINT_ESCALATION_SHARE)) {
      emit(c + this.rng.uniform(0.2, 0.9) * (resolved - c), 'workorder.escalated', { workorder_id: id, to_level: 'provincial' })
    }
    if (spec.escalateTo !== undefined) {
      emit(c + this.minutes(5, 15), 'workorder.escalated', { workorder_id: id, to_level: spec.escalateTo })
    }
    emit(resolved, 'workorder.resolved', ref)

    // Callbacks mostly within a day for repairs and within 3 days for the rest.
    let callback = resolved + this.rng.lognormal(repair ? 6 * HOUR : 20 * HOUR, repair ? 0.9 : 0.65)
    let closed = callback + this.minutes(10, 360)
    emit(callback, 'workorder.callback', ref)
    emit(closed, 'workorder.closed', ref)
    const reopened = this.rng.chance(REOPEN_SHARE)
    if (reopened) {
      const again = closed + this.rng.uniform(2 * HOUR, 2 * DAY)
      emit(again, 'workorder.reopened', { workorder_id: id, reason: repair ? '故障复发' : '客户对处理结果不满意' })
      const reresolved = again + this.rng.lognormal(4 * HOUR, 0.6)
      callback = reresolved + this.rng.lognormal(8 * HOUR, 0.6)
      closed = callback + this.minutes(10, 120)
      emit(reresolved, 'workorder.resolved', ref)
      emit(callback, 'workorder.callback', ref)
      emit(closed, 'workorder.closed', ref)
    }
    this.surveys.forWorkorder(id, spec.region.code, Math.round(closed), { late, reopened, complaint })
    return { arrived: Math.round(arrived), resolved: Math.round(resolved) }
  }

  private minutes(min: number, max: number): number {
    return this.rng.uniform(min, max) * MINUTE
  }

  // Crews cover contiguous blocks of the territory's region list.
  private fieldTeam(region: Region): string {
    const regions = this.ctx.territory.regions
    const i = regions.indexOf(region)
    return this.fieldTeams[Math.floor((Math.max(0, i) * this.fieldTeams.length) / regions.length)]
  }
}
