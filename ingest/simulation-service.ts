// The simulator as a service of the all-in-one process: on an empty store it
// backfills BACKFILL_DAYS first (with a progress bar), on a store that already
// has data it fills the gap since the newest stored event (at most
// BACKFILL_DAYS), then it runs in real time at SIM_SPEED.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Territory } from '../schemas/territory.ts'
import type { EventSink } from '../core/intake/event-sink.ts'
import type { SourceLiveness } from './source-liveness.ts'
import type { Logger } from '../core/logger.ts'
import { readEnum, readInt, readNumber } from '../core/env.ts'
import { createProgress } from '../core/progress.ts'
import { msFromCh } from '../core/time-format.ts'
import { backfill, createSimulator, runRealtime } from './simulator/simulator.ts'

type Env = Record<string, string | undefined>

export interface SimulatorConfig {
  enabled: boolean
  backfillDays: number
  speed: number
  seed: number
  malformedShare: number
  callVolume: number
}

export function loadSimulatorConfig(env: Env): SimulatorConfig {
  return {
    enabled: readEnum(env, 'SIMULATOR', ['on', 'off'] as const, 'on') === 'on',
    backfillDays: readInt(env, 'BACKFILL_DAYS', 2, { min: 0, max: 30 }),
    speed: readNumber(env, 'SIM_SPEED', 1, { min: 0.1, max: 1000 }),
    seed: readInt(env, 'SIM_SEED', 95598, { min: 0, max: 2 ** 31 - 1 }),
    malformedShare: readNumber(env, 'SIM_MALFORMED', 0, { min: 0, max: 0.5 }),
    callVolume: readNumber(env, 'SIM_CALL_VOLUME', 1, { min: 0.01, max: 500 }),
  }
}

const SOURCE = 'simulator'

export interface Simulation {
  stop(): Promise<void>
}

async function newestStored(client: ClickHouseClient): Promise<number | null> {
  const result = await client.query({
    query: 'SELECT max(newest_occurred_at) AS newest, count() AS n FROM events_watermark',
    format: 'JSONEachRow',
  })
  const [row] = await result.json<{ newest: string; n: string }>()
  return Number(row.n) === 0 ? null : msFromCh(row.newest)
}

export async function startSimulation(opts: {
  client: ClickHouseClient
  territory: Territory
  sink: EventSink
  /** Where the simulator says it is alive and how far a backfill has got (the pipeline's). */
  liveness: SourceLiveness
  config: SimulatorConfig
  logger: Logger
  /** The backfill's progress line; default on stderr. */
  progress?: ReturnType<typeof createProgress>
}): Promise<Simulation> {
  const { config, logger } = opts
  const now = Date.now()
  const earliest = now - config.backfillDays * 86_400_000
  const newest = await newestStored(opts.client)
  const start = newest === null ? earliest : Math.max(earliest, Math.min(newest, now))
  // Event ids derive from the seed and the start time, so a restarted
  // simulator never repeats the ids of the run before it.
  const sim = createSimulator({
    territory: opts.territory,
    seed: config.seed,
    start: new Date(start),
    malformedShare: config.malformedShare,
    callVolume: config.callVolume,
  })
  let lastDurable: Promise<void> = Promise.resolve()
  const sink = async (lines: string[]) => {
    const submission = await opts.sink.submit(lines.map((input) => ({ input, source: SOURCE })))
    lastDurable = submission.durable
  }
  if (now - start > 60_000) {
    const days = ((now - start) / 86_400_000).toFixed(2)
    logger.info(`simulator: ${newest === null ? 'empty store, backfilling' : 'filling the gap of'} the last ${days} days`)
    const progress = opts.progress ?? createProgress('backfill')
    opts.liveness.loading(SOURCE, 0)
    const total = await backfill(sim, new Date(now), sink, (done, events) => {
      opts.liveness.polled(SOURCE)
      opts.liveness.loading(SOURCE, done)
      progress.update(done, `${events.toLocaleString('en')} events`)
    })
    progress.done(`${total.toLocaleString('en')} events`)
  }
  // Batches are stored in order: the history is loaded once its last one is.
  await lastDurable
  opts.liveness.loading(SOURCE, null)
  logger.info(`simulator: real time at speed ${config.speed}${config.malformedShare > 0 ? `, ${config.malformedShare * 100}% malformed` : ''}`)
  const realtime = runRealtime(sim, {
    speed: config.speed,
    // The cursor stands for the moment the backfill was computed to: the
    // first step catches up the time the backfill took.
    clockAt: now,
    onStep: () => opts.liveness.polled(SOURCE),
    sink,
    onError: (err) => logger.error({ err: err.message }, 'simulator: could not hand events to ingest'),
  })
  return { stop: () => realtime.stop() }
}
