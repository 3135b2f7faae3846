// The event simulator of the demo territory: a seeded, deterministic
// generator of every event type (calls, agents, surveys, outages, work
// orders), as the JSON lines a Kafka message value or NDJSON file holds.
import type { Territory } from '../../schemas/territory.ts'
import { Agents } from './agents.ts'
import { CallCenter } from './call-center.ts'
import { LocalClock, MINUTE } from './clock.ts'
import { largestRegion, teamsOfKind, type SimContext } from './context.ts'
import { Emitter } from './emitter.ts'
import { Ids } from './ids.ts'
import { Outages } from './outages.ts'
import { mixSeed, Rng } from './random.ts'
import { Scheduler } from './scheduler.ts'
import { adjacency, Storms } from './storms.ts'
import { Surveys } from './surveys.ts'
import { Workorders } from './workorders.ts'

export { backfill, runRealtime } from './runners.ts'

export interface SimulatorOptions {
  territory: Territory
  seed: number
  start: Date
  /** Agents on the roster; default 150 × callVolume. */
  agents?: number
  /** Share of lines replaced by malformed ones, 0–1; default 0. */
  malformedShare?: number
  /** Share of events handed out 1–10 minutes late, 0–1; default 0.002. */
  lateShare?: number
  /** Multiplier of call volume; default 1. */
  callVolume?: number
}

export interface Simulator {
  /**
   * All events handed out before `until`, advancing the cursor; as JSON lines.
   * They are in occurred_at order except the late share; the first call also
   * returns announcements of planned outages made before the start.
   */
  advance(until: Date): string[]
  readonly cursor: Date
}

const DEFAULT_LATE_SHARE = 0.002
// One random stream per concern, so that changing one model leaves the
// events of the others as they were.
const STREAM = { agents: 1, calls: 2, outages: 3, workorders: 4, storms: 5, surveys: 6, days: 7, late: 8, malformed: 9 } as const

function check(name: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new RangeError(`${name} must be ${expected}, got ${value}`)
}

export function createSimulator(opts: SimulatorOptions): Simulator {
  const start = opts.start.getTime()
  const volume = opts.callVolume ?? 1
  const lateShare = opts.lateShare ?? DEFAULT_LATE_SHARE
  const malformedShare = opts.malformedShare ?? 0
  check('start', start, Number.isFinite(start), 'a valid date')
  check('seed', opts.seed, Number.isSafeInteger(opts.seed), 'an integer')
  check('callVolume', volume, volume > 0 && volume <= 10_000, 'in (0, 10000]')
  check('lateShare', lateShare, lateShare >= 0 && lateShare <= 1, 'in [0, 1]')
  check('malformedShare', malformedShare, malformedShare >= 0 && malformedShare <= 1, 'in [0, 1]')
  const agentCount = opts.agents ?? Math.max(1, Math.round(150 * volume))
  check('agents', agentCount, Number.isSafeInteger(agentCount) && agentCount >= 1, 'a positive integer')

  const { territory, seed } = opts
  const stream = (n: number) => new Rng(mixSeed(seed, n))
  const sched = new Scheduler(start)
  const ctx: SimContext = {
    sched,
    // Event ids also depend on the start, so that two runs with one seed never collide.
    out: new Emitter({
      seeds: { ids: mixSeed(seed, start, 0x1d), late: mixSeed(seed, STREAM.late), malformed: mixSeed(seed, STREAM.malformed) },
      lateShare,
      malformedShare,
    }),
    clock: new LocalClock(territory.time_zone ?? 'Asia/Shanghai', start),
    ids: new Ids(seed, start),
    territory,
    start,
    volume,
    centerRegion: largestRegion(territory.regions).code,
  }

  const storms = new Storms(stream(STREAM.storms), ctx.clock, territory.regions, adjacency(territory), start)
  const surveys = new Surveys(ctx, stream(STREAM.surveys))
  const workorders = new Workorders(ctx, stream(STREAM.workorders), surveys, teamsOfKind(territory, 'field'), teamsOfKind(territory, 'backoffice'))
  const outages = new Outages(ctx, stream(STREAM.outages), workorders, storms)
  const agents = new Agents(ctx, stream(STREAM.agents), agentCount, teamsOfKind(territory, 'agents'))
  const calls = new CallCenter(ctx, stream(STREAM.calls), mixSeed(seed, STREAM.days), agents, workorders, surveys, storms)

  outages.start()
  agents.start()
  // Arrivals of calls and faults are drawn a minute at a time, which lets
  // their rates follow the clock, storms and outages in progress.
  const minute = () => {
    const t = sched.now
    storms.update(t, MINUTE)
    outages.faults(t, MINUTE)
    calls.arrivals(t, MINUTE, [...outages.callSurges(t), ...storms.callSurges(t)])
    sched.at(t + MINUTE, minute)
  }
  sched.at(start, minute)

  let cursor = start
  return {
    advance(until: Date): string[] {
      const to = until.getTime()
      if (!(to > cursor)) return []
      sched.runUntil(to)
      cursor = to
      return ctx.out.drain(to)
    },
    get cursor() {
      return new Date(cursor)
    },
  }
}
