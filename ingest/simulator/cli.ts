// Command line of the event simulator: backfill the last days as fast as the
// destination takes them, or run in real time. Events go to the sink; the
// progress bar and status lines go to stderr.
import { loadTerritory, type Territory } from '../../schemas/territory.ts'
import { UsageError } from '../../core/cli/cli-args.ts'
import { parseCli, USAGE, type CliOptions } from './cli-args.ts'
import { DAY } from './clock.ts'
import { createProgress } from '../../core/progress.ts'
import { createSink, type Sink } from './sinks.ts'
import { backfill, createSimulator, runRealtime, type Simulator } from './simulator.ts'

const STATUS_EVERY_MS = 10_000

function fail(message: string): never {
  process.stderr.write(`error: ${message} (see --help)\n`)
  process.exit(2)
}

function rate(events: number, ms: number): string {
  return `${Math.round((events * 1000) / Math.max(ms, 1)).toLocaleString('en-US')} events/s`
}

async function runBackfill(opts: CliOptions, sim: Simulator, sink: Sink, to: Date): Promise<void> {
  const started = performance.now()
  const progress = createProgress('backfill')
  const events = await backfill(sim, to, (lines) => sink.write(lines), (done, n) =>
    progress.update(done, `${n.toLocaleString('en-US')} events, ${rate(n, performance.now() - started)}`),
  )
  await sink.close()
  progress.done(`${opts.days} day(s), ${events.toLocaleString('en-US')} events, ${rate(events, performance.now() - started)}`)
}

function runLive(opts: CliOptions, sim: Simulator, sink: Sink, timeZone: string): void {
  let total = 0
  let recent = 0
  const run = runRealtime(sim, {
    speed: opts.speed,
    sink: async (lines) => {
      total += lines.length
      recent += lines.length
      await sink.write(lines)
    },
    onError: (err) => process.stderr.write(`error: ${err.message}\n`),
    onStep: () => sink.alive?.(),
  })
  const clock = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' })
  const status = setInterval(() => {
    process.stderr.write(`simulated ${clock.format(sim.cursor)} (${timeZone}): ${recent.toLocaleString('en-US')} events in the last 10 s, ${total.toLocaleString('en-US')} in all\n`)
    recent = 0
  }, STATUS_EVERY_MS)
  const shutdown = () => {
    clearInterval(status)
    run
      .stop()
      .then(() => sink.close())
      .then(() => process.exit(0))
      .catch((err: Error) => {
        process.stderr.write(`error: ${err.message}\n`)
        process.exit(1)
      })
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

async function main(): Promise<void> {
  let opts: CliOptions | 'help'
  try {
    opts = parseCli(process.argv.slice(2))
  } catch (err) {
    if (err instanceof UsageError) fail(err.message)
    throw err
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let territory: Territory
  try {
    territory = loadTerritory(opts.territory)
  } catch (err) {
    fail((err as Error).message)
  }
  let sink: Sink
  try {
    sink = await createSink(opts.to, process.env)
  } catch (err) {
    fail((err as Error).message)
  }
  // A reader that goes away (`| head`) is a normal end, not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })

  const now = Date.now()
  const seed = opts.seed ?? now % 2 ** 31
  if (opts.seed === undefined) process.stderr.write(`seed ${seed}\n`)
  const start = new Date(opts.mode === 'backfill' ? now - opts.days * DAY : now)
  let sim: Simulator
  try {
    sim = createSimulator({ territory, seed, start, agents: opts.agents, malformedShare: opts.malformed, lateShare: opts.late, callVolume: opts.callVolume })
  } catch (err) {
    if (err instanceof RangeError) fail(err.message)
    throw err
  }
  if (opts.mode === 'backfill') await runBackfill(opts, sim, sink, new Date(now))
  else runLive(opts, sim, sink, territory.time_zone ?? 'Asia/Shanghai')
}

main().catch((err: Error) => {
  process.stderr.write(`error: ${err.stack ?? err.message}\n`)
  process.exit(1)
})
