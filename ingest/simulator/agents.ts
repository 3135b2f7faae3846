// The hotline's agents. Workforce management (WFM) brings agents on and off
// duty so that staffing follows the call curve; each agent runs the state
// machine offline → available ↔ on_call → wrap_up → available, with
// not_ready breaks. Every state change is an `agent.state` event.
import type { AgentState } from '../../schemas/events.ts'
import { HOUR, MINUTE } from './clock.ts'
import type { SimContext } from './context.ts'
import { staffingFraction } from './demand.ts'
import { Fifo } from './fifo.ts'
import { Rng, WeightedTable } from './random.ts'

export interface Agent {
  readonly id: string
  readonly team: string
  /** The state as the ACD sees it; `on_call` from the moment a call is routed to the agent. */
  state: AgentState
  /** Counted as staff: logged on, or logging on within minutes. */
  onDuty: boolean
  /** Told to log off; goes offline as soon as the current call or break is over. */
  leaving: boolean
  shiftStart: number
  offSince: number
  /** Shift number: tasks of an earlier shift find it changed and do nothing. */
  shift: number
  wantsBreak: boolean
  mealTaken: boolean
  /** Local hour from which this shift's meal break may start: staggered, or the whole floor eats at 11:00. */
  mealFrom: number
  /** Changes each time the agent joins the idle queue, so older queue entries are recognised as stale. */
  idleTicket: number
}

interface IdleEntry {
  agent: Agent
  ticket: number
}

const WFM_TICK = 5 * MINUTE
const MAX_SHIFT = 9 * HOUR
const MIN_REST = 11 * HOUR
const BREAK_GAP: readonly [number, number] = [90 * MINUTE, 150 * MINUTE]
type BreakKind = 'break' | 'training' | 'meeting' | 'system'
// Median minutes of each kind of not_ready.
const BREAK_MINUTES: Record<BreakKind | 'meal', number> = { break: 9, training: 40, meeting: 25, system: 4, meal: 28 }
const BREAK_KINDS = new WeightedTable<BreakKind>([
  ['break', 0.82],
  ['training', 0.06],
  ['meeting', 0.06],
  ['system', 0.06],
])

// Lunch from mealFrom to 13:30, supper six hours later.
function isMealTime(hour: number, from: number): boolean {
  return (hour >= from && hour < 13.5) || (hour >= from + 6 && hour < 19.5)
}

export class Agents {
  readonly all: Agent[] = []
  /** Offers a newly available agent to the call queue; true if it took the agent. */
  onAvailable: (agent: Agent, at: number) => boolean = () => false
  private readonly idle = new Fifo<IdleEntry>()

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    count: number,
    teams: readonly string[],
  ) {
    if (teams.length === 0) throw new Error('the territory has no team of kind "agents"')
    const width = Math.max(4, String(count).length)
    for (let i = 0; i < count; i++) {
      this.all.push({
        id: `A${String(i + 1).padStart(width, '0')}`,
        team: teams[i % teams.length],
        state: 'offline',
        onDuty: false,
        leaving: false,
        shiftStart: 0,
        offSince: 0,
        shift: 0,
        wantsBreak: false,
        mealTaken: false,
        mealFrom: 11,
        idleTicket: 0,
      })
    }
  }

  /** The roster at the start: every agent's state, so that "latest state per agent" is complete at once. */
  start(): void {
    const t = this.ctx.sched.now
    const target = this.target(t)
    this.all.forEach((a, i) => {
      if (i < target) {
        a.onDuty = true
        a.shift = 1
        a.shiftStart = t - Math.round(this.rng.uniform(0, 7 * HOUR))
        a.mealFrom = this.rng.uniform(11, 12.75)
        this.scheduleBreak(a, t + Math.round(this.rng.uniform(0, 2 * HOUR)))
        this.becomeAvailable(a, t, 'shift_start')
      } else {
        a.offSince = t - Math.round(this.rng.uniform(4 * HOUR, 16 * HOUR))
        this.emit(a, t, 'offline', 'shift_end')
      }
    })
    this.ctx.sched.at(t + WFM_TICK, () => this.wfm())
  }

  /** True if an agent is waiting for a call (drops stale queue entries). */
  hasIdle(): boolean {
    for (;;) {
      const head = this.idle.peek()
      if (head === undefined) return false
      if (head.agent.state === 'available' && head.ticket === head.agent.idleTicket) return true
      this.idle.shift()
    }
  }

  /** The agent idle longest, taken off the idle queue. */
  takeIdle(): Agent | undefined {
    return this.hasIdle() ? this.idle.shift()?.agent : undefined
  }

  /** A call was routed to `a`; it is answered at `answeredAt`. */
  beginCall(a: Agent, answeredAt: number): void {
    a.state = 'on_call'
    this.emit(a, answeredAt, 'on_call')
  }

  /** The caller hung up at `at`: after-call work starts. */
  beginWrap(a: Agent, at: number): void {
    this.emit(a, at, 'wrap_up')
  }

  /** After-call work is done: the next call, a break, or the end of the shift. */
  endWrap(a: Agent, at: number): void {
    if (a.leaving) this.goOffline(a, at)
    else if (a.wantsBreak) this.startBreak(a, at)
    else this.becomeAvailable(a, at)
  }

  private target(t: number): number {
    const { clock } = this.ctx
    return Math.max(1, Math.round(this.all.length * staffingFraction(clock.hour(t), clock.weekday(t))))
  }

  private wfm(): void {
    const t = this.ctx.sched.now
    const target = this.target(t)
    const staff = this.all.filter((a) => a.onDuty && !a.leaving)
    const working = staff.filter((a) => a.state !== 'offline').sort((x, y) => x.shiftStart - y.shiftStart)
    const rested = this.all.filter((a) => !a.onDuty).sort((x, y) => x.offSince - y.offSince)
    let next = 0
    if (staff.length < target) {
      for (; next < rested.length && next < target - staff.length; next++) this.logOn(rested[next], t)
    } else {
      // Those longest on duty go first, which makes shifts rather than random gaps.
      const excess = Math.min(staff.length - target, working.length)
      for (let i = 0; i < excess; i++) this.logOff(working.shift()!, t)
    }
    // Relieve agents past their shift length while rested colleagues can take over.
    for (const tired of working) {
      if (t - tired.shiftStart < MAX_SHIFT) break
      const fresh = rested[next]
      if (fresh === undefined || t - fresh.offSince < MIN_REST) break
      next++
      this.logOn(fresh, t)
      this.logOff(tired, t)
    }
    this.ctx.sched.at(t + WFM_TICK, () => this.wfm())
  }

  private logOn(a: Agent, t: number): void {
    a.onDuty = true
    a.leaving = false
    // Logins are spread over a few minutes, as people arrive at their desks.
    this.ctx.sched.at(t + Math.round(this.rng.uniform(0, 4 * MINUTE)), () => {
      const now = this.ctx.sched.now
      a.shift++
      a.shiftStart = now
      a.mealTaken = false
      a.mealFrom = this.rng.uniform(11, 12.75)
      a.wantsBreak = false
      this.scheduleBreak(a, now + Math.round(this.rng.uniform(BREAK_GAP[0], BREAK_GAP[1])))
      this.becomeAvailable(a, now, 'shift_start')
    })
  }

  private logOff(a: Agent, t: number): void {
    a.leaving = true
    if (a.state === 'available') this.goOffline(a, t)
  }

  private goOffline(a: Agent, t: number): void {
    a.state = 'offline'
    a.onDuty = false
    a.leaving = false
    a.offSince = t
    this.emit(a, t, 'offline', 'shift_end')
  }

  private becomeAvailable(a: Agent, t: number, reason?: string): void {
    a.state = 'available'
    this.emit(a, t, 'available', reason)
    if (this.onAvailable(a, t)) return
    a.idleTicket++
    this.idle.push({ agent: a, ticket: a.idleTicket })
  }

  private scheduleBreak(a: Agent, at: number): void {
    const shift = a.shift
    this.ctx.sched.at(at, () => {
      if (a.shift !== shift || !a.onDuty || a.leaving) return
      if (a.state === 'available') this.startBreak(a, this.ctx.sched.now)
      else if (a.state === 'on_call') a.wantsBreak = true
    })
  }

  private startBreak(a: Agent, t: number): void {
    a.wantsBreak = false
    const meal = !a.mealTaken && isMealTime(this.ctx.clock.hour(t), a.mealFrom)
    const kind = meal ? 'meal' : BREAK_KINDS.pick(this.rng)
    if (meal) a.mealTaken = true
    a.state = 'not_ready'
    this.emit(a, t, 'not_ready', kind)
    const shift = a.shift
    const end = t + Math.round(this.rng.lognormal(BREAK_MINUTES[kind] * MINUTE, 0.3))
    this.ctx.sched.at(end, () => {
      if (a.shift !== shift) return
      if (a.leaving) return this.goOffline(a, end)
      this.becomeAvailable(a, end)
      this.scheduleBreak(a, end + Math.round(this.rng.uniform(BREAK_GAP[0], BREAK_GAP[1])))
    })
  }

  private emit(a: Agent, at: number, state: AgentState, reason?: string): void {
    this.ctx.out.emit(at, 'agent.state', 'acd', this.ctx.centerRegion, { agent_id: a.id, team: a.team, state, reason })
  }
}
