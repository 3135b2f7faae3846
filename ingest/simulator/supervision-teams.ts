// The teams' systems (营销/客服系统) as the demo plays them: each supervision
// order issued is signed for (supervision.received) and answered
// (supervision.replied) through ingest like any source's events. Most
// orders are received and answered in time, some late, some never, so the
// desk shows every state and the timeliness KPI is not a flat 100%. The
// fates come from one seeded stream in the order the orders are issued: the
// same seed and the same orders give the same answers. Teams act in the
// center's real time (an order's deadline is real), whatever SIM_SPEED is.
import type { EventSink, SubmitItem } from '../../core/intake/event-sink.ts'
import { mixSeed, Rng } from './random.ts'

const MINUTE = 60_000
const SOURCE = 'simulator:teams'

/** What the teams' timers need: the time and a way to run something at an instant. */
export interface TeamClock {
  now(): number
  at(ms: number, fn: () => void): { cancel(): void }
}

export const realTeamClock: TeamClock = {
  now: () => Date.now(),
  at(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms - Date.now()))
    return { cancel: () => clearTimeout(timer) }
  },
}

export type Fate =
  | { kind: 'silent' }
  | { kind: 'received_only'; receivedAfterMs: number }
  | { kind: 'on_time' | 'late'; receivedAfterMs: number; repliedAfterMs: number }

/** One order's fate: 5% never received, 10% received and never answered, 20% answered late, the rest in time. */
export function drawFate(rng: Rng, spanMs: number): Fate {
  const roll = rng.next()
  if (roll < 0.05) return { kind: 'silent' }
  const receivedAfterMs = Math.round(rng.uniform(1, Math.min(15, spanMs / MINUTE / 2)) * MINUTE)
  if (roll < 0.15) return { kind: 'received_only', receivedAfterMs }
  if (roll < 0.35) return { kind: 'late', receivedAfterMs, repliedAfterMs: spanMs + Math.round(rng.uniform(5, 60) * MINUTE) }
  const repliedAfterMs = Math.round(rng.uniform(Math.max(receivedAfterMs / spanMs, 0.3), 0.9) * spanMs)
  return { kind: 'on_time', receivedAfterMs, repliedAfterMs }
}

interface Issued {
  supervision_id: string
  occurred_at: string
  due_at: string
  region: string
  team: string
}

const REPLIES = ['已到现场处理，客户已确认恢复', '已联系客户说明情况并约定上门时间', '已整改完毕，附处理记录', '已安排专人跟进，明日反馈结果']

export class SimulatedTeams {
  /** The fates, one draw each, apart from the ids and words so that those never shift them. */
  private readonly fates: Rng
  private readonly words: Rng
  private readonly pending = new Set<{ cancel(): void }>()

  constructor(
    private readonly sink: EventSink,
    seed: number,
    private readonly clock: TeamClock = realTeamClock,
    private readonly onError: (err: Error) => void = () => {},
  ) {
    this.fates = new Rng(mixSeed(seed, 0x5e))
    this.words = new Rng(mixSeed(seed, 0x5f))
  }

  /** An order was issued (or issued again after it was returned): play its team. */
  issued(order: Issued): void {
    const issuedAt = Date.parse(order.occurred_at)
    const fate = drawFate(this.fates, Date.parse(order.due_at) - issuedAt)
    const by = `${order.team} 值班人员`
    if (fate.kind === 'silent') return
    this.answer(issuedAt + fate.receivedAfterMs, order, { type: 'supervision.received', by })
    if (fate.kind === 'received_only') return
    this.answer(issuedAt + fate.repliedAfterMs, order, { type: 'supervision.replied', by, reply: this.words.pick(REPLIES) })
  }

  stop(): void {
    for (const timer of this.pending) timer.cancel()
    this.pending.clear()
  }

  private answer(at: number, order: Issued, fields: Record<string, unknown>): void {
    const event = { event_id: this.words.uuid(), occurred_at: new Date(at).toISOString(), source: SOURCE, region: order.region, schema_version: 1, supervision_id: order.supervision_id, ...fields }
    const timer = this.clock.at(at, () => {
      this.pending.delete(timer)
      this.sink.submit([{ input: event, source: SOURCE }]).catch(this.onError)
    })
    this.pending.add(timer)
  }
}

const isIssued = (input: unknown): input is Issued =>
  typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'supervision.issued'

/** A sink that hands every accepted supervision.issued to the simulated teams on its way to `sink`. */
export function withSimulatedTeams(sink: EventSink, teams: SimulatedTeams): EventSink {
  return {
    async submit(items: SubmitItem[]) {
      const submission = await sink.submit(items)
      items.forEach((item, i) => {
        if (submission.results[i]?.ok && isIssued(item.input)) teams.issued(item.input)
      })
      return submission
    },
  }
}
