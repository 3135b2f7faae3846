// The 95598 hotline: callers pass the IVR, which serves some of them alone;
// the rest queue for the agents. Waits and abandonment are not drawn: they
// emerge from load against the agents WFM has on duty.
import type { CHANNELS, DISPOSITIONS, WorkorderCategory } from '../../schemas/events.ts'
import type { Region } from '../../schemas/territory.ts'
import type { Agent, Agents } from './agents.ts'
import { MINUTE, SECOND } from './clock.ts'
import { queueCode, type SimContext } from './context.ts'
import { offeredPerMinute } from './demand.ts'
import { Fifo } from './fifo.ts'
import { mixSeed, Rng, WeightedTable } from './random.ts'
import type { Surveys } from './surveys.ts'
import type { Priority, Workorders } from './workorders.ts'

/** What the caller wants; it decides the queue and, mostly, the disposition. */
export type Intent = 'consultation' | 'fault_report' | 'business' | 'arrears' | 'complaint' | 'other'
type Disposition = (typeof DISPOSITIONS)[number]
type Channel = (typeof CHANNELS)[number]

/** Extra calls on top of the diurnal curve: customers of an outage or a storm-hit region calling in. */
export interface CallSurge {
  region: Region
  perMinute: number
  intent: Intent
  cause: 'outage' | 'storm'
}

export interface StormWatch {
  isStormy(region: string, at: number): boolean
}

interface Call {
  id: string
  region: Region
  intent: Intent
  queue: string
  channel: Channel
  vip: boolean
  cause: CallSurge['cause'] | undefined
  offeredAt: number
  patience: number
  done: boolean
}

const INTENT_MIX: readonly (readonly [Intent, number])[] = [
  ['consultation', 0.43],
  ['fault_report', 0.15],
  ['business', 0.16],
  ['arrears', 0.12],
  ['complaint', 0.03],
  ['other', 0.11],
]
// Share of voice callers the IVR serves alone (balance, outage notices, …).
const IVR_SELF_SERVICE: Record<Intent, number> = {
  consultation: 0.45,
  fault_report: 0.25,
  business: 0.2,
  arrears: 0.45,
  complaint: 0,
  other: 0.2,
}
// Callers about a known outage mostly hang up after the IVR's announcement.
const OUTAGE_IVR_SELF_SERVICE = 0.4
const VOICE_SHARE = 0.88
const VIP_SHARE = 0.02
const TALK_MEDIAN_SECONDS: Record<Disposition, number> = {
  consultation: 56,
  fault_report: 60,
  business: 85,
  arrears: 50,
  complaint: 160,
  other: 45,
}
const FIRST_CONTACT_RESOLUTION: Record<Disposition, number> = {
  consultation: 0.985,
  fault_report: 0.975,
  business: 0.95,
  arrears: 0.97,
  complaint: 0.75,
  other: 0.98,
}
// A few callers hang up within seconds whatever happens (misdials, second thoughts).
const SHORT_PATIENCE_SHARE = 0.03
const PATIENCE_MEDIAN = 75 * SECOND

export class CallCenter {
  private readonly waiting = new Fifo<Call>()
  private readonly vipWaiting = new Fifo<Call>()
  private readonly regions: WeightedTable<Region>
  private readonly intents = new WeightedTable(INTENT_MIX)
  private readonly queues: Record<Intent | 'vip', string>
  // IVR entries per call offered to agents, so that the curve is of offered calls.
  private readonly entriesPerOffered: number
  private dayFactor = { day: Number.NaN, value: 1 }

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly daySeed: number,
    private readonly agents: Agents,
    private readonly workorders: Workorders,
    private readonly surveys: Surveys,
    private readonly storms: StormWatch,
  ) {
    const t = ctx.territory
    this.regions = new WeightedTable(t.regions.map((r) => [r, r.customers] as const))
    this.queues = {
      consultation: queueCode(t, 'consult'),
      fault_report: queueCode(t, 'fault'),
      business: queueCode(t, 'business'),
      arrears: queueCode(t, 'consult'),
      complaint: queueCode(t, 'complaint'),
      other: queueCode(t, 'consult'),
      vip: queueCode(t, 'vip'),
    }
    const selfServed = INTENT_MIX.reduce((sum, [intent, w]) => sum + w * IVR_SELF_SERVICE[intent], 0) * VOICE_SHARE
    this.entriesPerOffered = 1 / (1 - selfServed)
    agents.onAvailable = (agent, at) => this.serve(agent, at)
  }

  /** Draws the callers arriving in [t, t + span). */
  arrivals(t: number, span: number, surges: readonly CallSurge[]): void {
    const { clock, volume } = this.ctx
    const perMinute =
      offeredPerMinute(clock.hour(t), clock.weekday(t)) * this.factorOfDay(clock.day(t)) * volume * this.entriesPerOffered
    for (let n = this.rng.poisson((perMinute * span) / MINUTE); n > 0; n--) {
      this.incoming(t + this.rng.int(span), this.regions.pick(this.rng), this.intents.pick(this.rng), undefined)
    }
    for (const s of surges) {
      for (let n = this.rng.poisson((s.perMinute * volume * span) / MINUTE); n > 0; n--) {
        this.incoming(t + this.rng.int(span), s.region, s.intent, s.cause)
      }
    }
  }

  // Some days are simply busier; the factor is seeded by the day so that it
  // does not depend on when the run started.
  private factorOfDay(day: number): number {
    if (this.dayFactor.day !== day) this.dayFactor = { day, value: new Rng(mixSeed(this.daySeed, day)).lognormal(1, 0.06) }
    return this.dayFactor.value
  }

  private incoming(at: number, region: Region, intent: Intent, cause: Call['cause']): void {
    const rng = this.rng
    const vip = cause === undefined && rng.chance(VIP_SHARE)
    const call: Call = {
      id: this.ctx.ids.next('C'),
      region,
      intent,
      queue: vip ? this.queues.vip : this.queues[intent],
      channel: cause !== undefined || rng.chance(VOICE_SHARE) ? 'voice' : rng.chance(0.65) ? 'chat' : 'app',
      vip,
      cause,
      offeredAt: at,
      patience: Math.round(
        rng.chance(SHORT_PATIENCE_SHARE) ? rng.uniform(0.5 * SECOND, 4.5 * SECOND) : rng.lognormal(PATIENCE_MEDIAN, 0.9),
      ),
      done: false,
    }
    this.ctx.sched.at(at, () => this.arrive(call))
  }

  private arrive(c: Call): void {
    const t = this.ctx.sched.now
    const { out } = this.ctx
    const selfService = c.channel !== 'voice' ? 0 : c.cause === 'outage' ? OUTAGE_IVR_SELF_SERVICE : IVR_SELF_SERVICE[c.intent]
    if (this.rng.chance(selfService)) {
      out.emit(t, 'call.ivr_completed', 'ivr', c.region.code, { call_id: c.id })
      return
    }
    out.emit(t, 'call.offered', 'acd', c.region.code, { call_id: c.id, queue: c.queue, channel: c.channel })
    if (this.agents.hasIdle()) {
      const ring = this.ring()
      if (c.patience <= ring) this.abandon(c, t + c.patience)
      else this.answer(c, this.agents.takeIdle()!, t + ring)
      return
    }
    ;(c.vip ? this.vipWaiting : this.waiting).push(c)
    this.ctx.sched.at(t + c.patience, () => {
      if (!c.done) this.abandon(c, this.ctx.sched.now)
    })
  }

  /** An agent became available: it takes the longest-waiting call, key accounts first. */
  private serve(agent: Agent, t: number): boolean {
    for (;;) {
      const c = this.nextWaiting()
      if (c === undefined) return false
      const ring = this.ring()
      // The caller's abandon task has not run, so offeredAt + patience ≥ t.
      if (t + ring - c.offeredAt >= c.patience) {
        this.abandon(c, c.offeredAt + c.patience)
        continue
      }
      this.answer(c, agent, t + ring)
      return true
    }
  }

  private nextWaiting(): Call | undefined {
    for (const q of [this.vipWaiting, this.waiting]) {
      for (let c = q.shift(); c !== undefined; c = q.shift()) if (!c.done) return c
    }
    return undefined
  }

  private ring(): number {
    return Math.round(this.rng.uniform(2 * SECOND, 6 * SECOND))
  }

  private abandon(c: Call, at: number): void {
    c.done = true
    this.ctx.out.emit(at, 'call.abandoned', 'acd', c.region.code, { call_id: c.id, queue: c.queue, wait_ms: at - c.offeredAt })
  }

  private answer(c: Call, agent: Agent, answeredAt: number): void {
    const { out, sched } = this.ctx
    const rng = this.rng
    c.done = true
    const region = c.region.code
    const waitMs = answeredAt - c.offeredAt
    out.emit(answeredAt, 'call.answered', 'acd', region, { call_id: c.id, queue: c.queue, agent_id: agent.id, wait_ms: waitMs })
    this.agents.beginCall(agent, answeredAt)
    const disposition = this.disposition(c.intent)
    const talk = Math.round(rng.lognormal(TALK_MEDIAN_SECONDS[disposition] * SECOND, 0.55))
    const hold = rng.chance(0.2) ? Math.round(rng.lognormal(20 * SECOND, 0.6)) : 0
    const wrap = Math.round(rng.lognormal(10 * SECOND, 0.5))
    const hungUp = answeredAt + talk + hold
    this.agents.beginWrap(agent, hungUp)
    const end = hungUp + wrap
    const fcr = rng.chance(c.cause === 'outage' ? 0.99 : FIRST_CONTACT_RESOLUTION[disposition])
    out.emit(end, 'call.ended', 'acd', region, {
      call_id: c.id,
      agent_id: agent.id,
      talk_ms: talk,
      hold_ms: hold,
      wrap_ms: wrap,
      resolved_first_contact: fcr,
      disposition,
    })
    // The agent files any work order during after-call work.
    this.followUp(c, disposition, hungUp + Math.round(wrap * rng.uniform(0.3, 0.9)))
    this.surveys.forCall(c.id, region, end, { resolvedFirstContact: fcr, waitMs, complaint: disposition === 'complaint' })
    sched.at(end, () => this.agents.endWrap(agent, end))
  }

  private disposition(intent: Intent): Disposition {
    const x = this.rng.next()
    switch (intent) {
      case 'consultation':
        return x < 0.95 ? 'consultation' : 'other'
      case 'business':
        return x < 0.9 ? 'business' : 'consultation'
      case 'complaint':
        // Most of the complaint queue is suggestions, praise and questions.
        return x < 0.06 ? 'complaint' : x < 0.66 ? 'other' : 'consultation'
      case 'fault_report':
      case 'arrears':
      case 'other':
        return intent
    }
  }

  private followUp(c: Call, disposition: Disposition, at: number): void {
    const rng = this.rng
    let category: WorkorderCategory | undefined
    let priority: Priority = 'normal'
    switch (disposition) {
      case 'fault_report':
        // Outage callers are linked to the outage's own repair order; most
        // other fault calls are settled on the phone (breaker, prepaid balance).
        if (c.cause !== 'outage' && rng.chance(c.cause === 'storm' ? 0.35 : 0.08)) category = 'fault_repair'
        priority = c.vip ? 'urgent' : 'high'
        break
      case 'complaint':
        category = 'complaint'
        priority = 'high'
        break
      case 'business':
        if (rng.chance(0.08)) category = 'business'
        break
      case 'arrears':
        if (rng.chance(0.1)) category = 'arrears_reconnect'
        break
      case 'consultation':
        if (rng.chance(0.01)) category = 'consultation'
        priority = 'low'
        break
      case 'other':
        if (c.intent === 'complaint' && rng.chance(0.15)) category = 'feedback'
        priority = 'low'
        break
    }
    if (category === undefined) return
    this.workorders.create({
      at,
      category,
      region: c.region,
      priority,
      callId: c.id,
      tier: c.vip ? (rng.chance(0.3) ? 'diamond' : 'gold') : rng.chance(0.25) ? 'silver' : 'basic',
      stormy: this.storms.isStormy(c.region.code, at),
    })
  }
}
