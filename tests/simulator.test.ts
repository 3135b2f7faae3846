// The event simulator: determinism, validity of every line, realism of the
// figures the KPIs will compute, ordering, malformed lines, drivers and CLI.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { EVENT_TYPES, type DomainEvent, type EventOf } from '../schemas/events.ts'
import { loadTerritory } from '../schemas/territory.ts'
import { validateEvent } from '../schemas/validate.ts'
import { backfill, createSimulator, runRealtime, type SimulatorOptions } from '../ingest/simulator/simulator.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const territory = loadTerritory()
const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
/** Monday 2024-06-03 00:00 in Asia/Shanghai. */
const MONDAY = new Date('2024-06-02T16:00:00Z')
const SLA_MINUTES = { urban: 45, rural: 90, remote: 120 } as const

/** Lines of a run of `ms` from `start`, advanced in steps of `step`. */
function generate(opts: Partial<SimulatorOptions> & { seed: number }, ms: number, step = MINUTE): string[] {
  const sim = createSimulator({ territory, start: MONDAY, ...opts })
  const from = sim.cursor.getTime()
  const lines: string[] = []
  for (let t = from; t < from + ms; ) {
    t = Math.min(t + step, from + ms)
    for (const line of sim.advance(new Date(t))) lines.push(line)
  }
  return lines
}

function parseValid(lines: string[]): DomainEvent[] {
  return lines.map((line) => {
    const result = validateEvent(JSON.parse(line))
    if (!result.ok) throw new Error(`${result.reason}: ${line}`)
    return result.event
  })
}

const time = (e: { occurred_at: string }) => Date.parse(e.occurred_at)
const localHour = (e: { occurred_at: string }) => Math.floor(((time(e) - MONDAY.getTime()) % DAY) / HOUR)
function ofType<T extends DomainEvent['type']>(events: DomainEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type) as EventOf<T>[]
}
const share = (part: number, whole: number) => part / whole

describe('determinism', () => {
  it('repeats a run exactly, event ids included, however advance() is cut', () => {
    const a = generate({ seed: 7 }, 3 * HOUR)
    expect(a.length).toBeGreaterThan(1000)
    expect(generate({ seed: 7 }, 3 * HOUR, 7 * MINUTE + 13)).toEqual(a)
    expect(generate({ seed: 7 }, 3 * HOUR, 3 * HOUR)).toEqual(a)
  })

  it('differs with the seed, and ids never collide between runs of one seed with different starts', () => {
    const a = generate({ seed: 7 }, HOUR)
    expect(generate({ seed: 8 }, HOUR)).not.toEqual(a)
    const b = generate({ seed: 7, start: new Date(MONDAY.getTime() + HOUR) }, HOUR)
    const ids = (lines: string[]) => lines.map((l) => JSON.parse(l) as { event_id: string; call_id?: string })
    const seen = new Set(ids(a).flatMap((e) => [e.event_id, e.call_id ?? '']))
    expect(ids(b).filter((e) => seen.has(e.event_id) || (e.call_id !== undefined && seen.has(e.call_id)))).toEqual([])
  })
})

describe('two simulated days at full volume', () => {
  let lines: string[]
  let events: DomainEvent[]

  beforeAll(() => {
    lines = generate({ seed: 42 }, 2 * DAY)
    events = parseValid(lines)
  })

  // supervision.* answer orders issued on the desk: the simulated teams play
  // them (tests/supervision.test.ts), never the simulator on its own.
  it('produces only valid events, of all 22 types the sources send on their own', () => {
    expect(events.length).toBe(lines.length)
    const own = EVENT_TYPES.filter((type) => !type.startsWith('supervision.'))
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(own))
    expect(own).toHaveLength(22)
    const regions = new Set(territory.regions.map((r) => r.code))
    expect(events.every((e) => regions.has(e.region) && e.occurred_at.endsWith('Z'))).toBe(true)
  })

  it('follows the diurnal curve: 3–5 calls/min at night, 60–90 at the morning peak', () => {
    const offered = ofType(events, 'call.offered')
    const perMinute = (hour: number) => offered.filter((e) => localHour(e) === hour).length / 120
    expect(perMinute(3)).toBeGreaterThan(2)
    expect(perMinute(3)).toBeLessThan(6)
    expect(perMinute(10)).toBeGreaterThan(60)
    expect(perMinute(10)).toBeLessThan(95)
  })

  it('staffs 30–60 agents at night and 130–150 at the peak', () => {
    const onDutyAt = (at: number) => {
      const state = new Map<string, string>()
      for (const e of ofType(events, 'agent.state')) if (time(e) <= at) state.set(e.agent_id, e.state)
      return [...state.values()].filter((s) => s !== 'offline').length
    }
    const night = onDutyAt(MONDAY.getTime() + DAY + 3.5 * HOUR)
    const peak = onDutyAt(MONDAY.getTime() + DAY + 10 * HOUR)
    expect(night).toBeGreaterThanOrEqual(30)
    expect(night).toBeLessThanOrEqual(60)
    expect(peak).toBeGreaterThanOrEqual(125)
    expect(peak).toBeLessThanOrEqual(150)
  })

  it('has realistic call-center KPIs', () => {
    const ended = ofType(events, 'call.ended')
    const offered = ofType(events, 'call.offered').length
    const ivr = ofType(events, 'call.ivr_completed').length
    const answered = ofType(events, 'call.answered')
    const abandoned = ofType(events, 'call.abandoned')
    expect(share(ended.filter((e) => e.resolved_first_contact).length, ended.length)).toBeGreaterThanOrEqual(0.93)
    expect(share(ivr, ivr + offered)).toBeGreaterThanOrEqual(0.2)
    expect(share(ivr, ivr + offered)).toBeLessThanOrEqual(0.4)
    // Waits emerge from load: mostly answered fast, some short abandons, some real ones at peaks.
    const shortAbandons = abandoned.filter((e) => e.wait_ms < 5000).length
    expect(shortAbandons).toBeGreaterThan(0)
    expect(share(abandoned.length - shortAbandons, offered)).toBeLessThan(0.05)
    expect(share(answered.filter((e) => e.wait_ms <= 20_000).length, offered - shortAbandons)).toBeGreaterThan(0.8)
    expect(answered.some((e) => e.wait_ms > 30_000)).toBe(true)
  })

  it('has satisfaction and fault-repair SLAs at about the reference rates', () => {
    const surveys = ofType(events, 'survey.result')
    const satisfaction = share(surveys.filter((e) => e.rating !== 'dissatisfied').length, surveys.length)
    expect(satisfaction).toBeGreaterThanOrEqual(0.85)
    expect(satisfaction).toBeLessThanOrEqual(0.98)

    const created = new Map(ofType(events, 'workorder.created').map((e) => [e.workorder_id, e]))
    const repairs = (type: 'workorder.arrived' | 'workorder.resolved') =>
      ofType(events, type).flatMap((e) => {
        const c = created.get(e.workorder_id)
        return c?.category === 'fault_repair' ? [{ c, minutes: (time(e) - time(c)) / MINUTE }] : []
      })
    const arrivals = repairs('workorder.arrived')
    const onTime = share(arrivals.filter(({ c, minutes }) => minutes <= SLA_MINUTES[c.area_class]).length, arrivals.length)
    expect(arrivals.length).toBeGreaterThan(500)
    expect(onTime).toBeGreaterThanOrEqual(0.95)
    expect(onTime).toBeLessThanOrEqual(0.99)
    const resolved = repairs('workorder.resolved')
    const avgRepair = resolved.reduce((sum, r) => sum + r.minutes, 0) / resolved.length
    expect(avgRepair).toBeGreaterThan(50)
    expect(avgRepair).toBeLessThan(95)
  })

  it('links fault outages to their repair orders and restores them after arrival', () => {
    const started = ofType(events, 'outage.started').filter((e) => e.kind === 'fault')
    const orders = ofType(events, 'workorder.created').filter((e) => e.outage_id !== undefined)
    expect(started.length).toBeGreaterThan(0)
    expect(orders.map((o) => o.outage_id).sort()).toEqual(started.map((s) => s.outage_id).sort())
    expect(started.every((s) => s.customers_affected >= 10 && s.customers_affected <= 8000)).toBe(true)
  })

  it('is in occurred_at order but for the late share', () => {
    let max = 0
    let behind = 0
    for (const e of events) {
      if (time(e) < max) behind++
      else max = time(e)
    }
    expect(behind).toBeGreaterThan(0)
    expect(share(behind, events.length)).toBeLessThan(0.004)
  })
})

describe('outage announcements', () => {
  it('announces planned outages ahead, most 7 days or more, some late, including those due right after the start', () => {
    const events = parseValid(generate({ seed: 5, callVolume: 0.02 }, 10 * DAY, HOUR))
    const first = new Map<string, number>()
    for (const e of ofType(events, 'outage.notified')) if (!first.has(e.outage_id)) first.set(e.outage_id, time(e))
    const planned = ofType(events, 'outage.started').filter((e) => e.kind === 'planned')
    const leads = planned.map((s) => (time(s) - (first.get(s.outage_id) ?? Infinity)) / DAY)
    expect(planned.length).toBeGreaterThan(20)
    expect(leads.every((lead) => lead > 0)).toBe(true)
    expect(share(leads.filter((lead) => lead >= 7).length, leads.length)).toBeGreaterThan(0.75)
    expect(leads.some((lead) => lead < 7)).toBe(true)
    // The first day's planned outages were announced before the simulation started.
    const firstDay = planned.filter((s) => time(s) < MONDAY.getTime() + DAY)
    expect(firstDay.length).toBeGreaterThan(0)
    expect(firstDay.every((s) => (first.get(s.outage_id) ?? Infinity) < MONDAY.getTime())).toBe(true)
  })
})

describe('output quality switches', () => {
  it('keeps strict occurred_at order when lateShare is 0', () => {
    const events = parseValid(generate({ seed: 3, lateShare: 0 }, 6 * HOUR))
    expect(events.every((e, i) => i === 0 || time(e) >= time(events[i - 1]))).toBe(true)
  })

  it('replaces about malformedShare of the lines with malformed ones of varied kinds', () => {
    const lines = generate({ seed: 11, malformedShare: 0.05, start: new Date(MONDAY.getTime() + 9 * HOUR) }, 4 * HOUR)
    const reasons = new Map<string, number>()
    let bad = 0
    for (const line of lines) {
      let reason: string
      try {
        const result = validateEvent(JSON.parse(line))
        if (result.ok) {
          // Well-formed but implausible: ingest's time check rejects it.
          if (time(result.event) < MONDAY.getTime() + 30 * DAY) continue
          reason = 'too_far_future'
        } else reason = result.code
      } catch {
        reason = 'not_json'
      }
      bad++
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
    expect(lines.length).toBeGreaterThan(20_000)
    expect(share(bad, lines.length)).toBeGreaterThan(0.04)
    expect(share(bad, lines.length)).toBeLessThan(0.06)
    expect([...reasons.keys()].sort()).toEqual(['invalid', 'not_json', 'not_object', 'too_far_future', 'unknown_type'])
  })
})

describe('drivers', () => {
  it('backfill hands the same lines in chunks, with progress up to 1', async () => {
    const expected = generate({ seed: 9 }, 3 * HOUR)
    const sim = createSimulator({ territory, seed: 9, start: MONDAY })
    const chunks: string[][] = []
    const progress: number[] = []
    const total = await backfill(
      sim,
      new Date(MONDAY.getTime() + 3 * HOUR),
      async (lines) => {
        chunks.push(lines)
      },
      (done) => progress.push(done),
    )
    expect(total).toBe(expected.length)
    expect(chunks.flat()).toEqual(expected)
    expect(progress.at(-1)).toBe(1)
    expect(sim.cursor.getTime()).toBe(MONDAY.getTime() + 3 * HOUR)
  })

  it('runRealtime advances with the clock at the given speed and flushes on stop', async () => {
    const start = new Date()
    const sim = createSimulator({ territory, seed: 4, start })
    const got: string[] = []
    const run = runRealtime(sim, { speed: 3600, intervalMs: 20, sink: async (lines) => void got.push(...lines) })
    await new Promise((resolve) => setTimeout(resolve, 400))
    await run.stop()
    const simulated = sim.cursor.getTime() - start.getTime()
    expect(simulated).toBeGreaterThan(0.3 * HOUR)
    expect(simulated).toBeLessThan(2 * HOUR)
    const again = createSimulator({ territory, seed: 4, start })
    expect(got).toEqual(again.advance(sim.cursor))
  })

  it('runRealtime at speed 1 produces events for now, catching up first the time a backfill took', async () => {
    // The simulator was backfilled up to `backfilledTo`, which took 20 s; real time starts now.
    const backfilledTo = Date.now() - 20_000
    const sim = createSimulator({ territory, seed: 5, start: new Date(backfilledTo - 10 * 60_000) })
    sim.advance(new Date(backfilledTo))
    let steps = 0
    const run = runRealtime(sim, { speed: 1, clockAt: backfilledTo, intervalMs: 20, sink: async () => {}, onStep: () => steps++ })
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Seconds of the wall clock, not 20 s behind it.
    expect(Date.now() - sim.cursor.getTime()).toBeLessThan(1000)
    await run.stop()
    expect(steps).toBeGreaterThan(1)
  })
})

describe('cli', () => {
  const cli = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'ingest/simulator/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 28 })

  it('prints usage for --help and exits 0', () => {
    const r = cli('--help')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Usage:')
    expect(r.stdout).toContain('--mode realtime|backfill')
  })

  it('rejects a bad flag with one line and exit code 2', () => {
    const r = cli('--mode', 'backfill', '--days', 'abc')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("--days must be a positive integer, got 'abc'")
    expect(cli('--to', 'pigeon').stderr).toContain('--to must be one of stdout, kafka, ingest')
  })

  it('backfills NDJSON to stdout', () => {
    const r = cli('--mode', 'backfill', '--days', '1', '--seed', '1', '--call-volume', '0.05')
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines.length).toBeGreaterThan(1000)
    expect(parseValid(lines)).toHaveLength(lines.length)
    expect(r.stderr).toContain('100%')
  })
})
