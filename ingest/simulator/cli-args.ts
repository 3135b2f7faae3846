// The simulator CLI's flags: parsed and checked, each problem reported in one
// line that names the flag and the value.
import { parseFlags, UsageError } from '../../core/cli/cli-args.ts'
import { SINK_TARGETS, type SinkTarget } from './sinks.ts'

export const USAGE = `Usage: npx tsx ingest/simulator/cli.ts [options]

Generates the events of the demo territory (calls, agents, surveys, outages,
work orders) as NDJSON, one event per line.

Options:
  --mode realtime|backfill  realtime (default): from now on, in step with the clock;
                            backfill: the last --days days up to now, as fast as possible
  --days N                  backfill: number of days up to now (default 1)
  --speed X                 realtime: simulated seconds per real second (default 1)
  --seed N                  seed; the same seed and start give the same events
                            (default: from the clock, printed on stderr)
  --malformed FRACTION      share of lines replaced by malformed ones, 0–1 (default 0)
  --late FRACTION           share of events sent 1–10 min late, 0–1 (default 0.002)
  --call-volume X           call volume multiplier (default 1)
  --agents N                agents on the roster (default 150 × call volume)
  --territory FILE          territory file (default: the demo territory)
  --to stdout|kafka|ingest  destination (default stdout)
  -h, --help                show this help

Progress and status go to stderr; events go to the destination.`

export interface CliOptions {
  mode: 'realtime' | 'backfill'
  days: number
  speed: number
  seed: number | undefined
  malformed: number
  late: number
  callVolume: number
  agents: number | undefined
  territory: string | undefined
  to: SinkTarget
}

const INTEGER = /^\d+$/
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

function integer(flag: string, raw: string, min: number): number {
  const value = Number(raw)
  if (!INTEGER.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be a ${min > 0 ? 'positive' : 'non-negative'} integer, got '${raw}'`)
  }
  return value
}

function positive(flag: string, raw: string, max: number): number {
  const value = Number(raw)
  if (!DECIMAL.test(raw) || !(value > 0) || value > max) throw new UsageError(`${flag} must be a positive number up to ${max}, got '${raw}'`)
  return value
}

function fraction(flag: string, raw: string): number {
  const value = Number(raw)
  if (!DECIMAL.test(raw) || value > 1) throw new UsageError(`${flag} must be a fraction between 0 and 1, got '${raw}'`)
  return value
}

function choice<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === raw)
  if (found === undefined) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got '${raw}'`)
  return found
}

/** The options, or 'help'; throws UsageError for anything wrong. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  const values = parseFlags(argv, {
    mode: { type: 'string' },
    days: { type: 'string' },
    speed: { type: 'string' },
    seed: { type: 'string' },
    malformed: { type: 'string' },
    late: { type: 'string' },
    'call-volume': { type: 'string' },
    agents: { type: 'string' },
    territory: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) return 'help'
  const mode = values.mode === undefined ? 'realtime' : choice('--mode', values.mode, ['realtime', 'backfill'] as const)
  if (values.days !== undefined && mode !== 'backfill') throw new UsageError('--days only applies to --mode backfill')
  if (values.speed !== undefined && mode !== 'realtime') throw new UsageError('--speed only applies to --mode realtime')
  return {
    mode,
    days: values.days === undefined ? 1 : integer('--days', values.days, 1),
    speed: values.speed === undefined ? 1 : positive('--speed', values.speed, 1e6),
    seed: values.seed === undefined ? undefined : integer('--seed', values.seed, 0),
    malformed: values.malformed === undefined ? 0 : fraction('--malformed', values.malformed),
    late: values.late === undefined ? 0.002 : fraction('--late', values.late),
    callVolume: values['call-volume'] === undefined ? 1 : positive('--call-volume', values['call-volume'], 10_000),
    agents: values.agents === undefined ? undefined : integer('--agents', values.agents, 1),
    territory: values.territory,
    to: values.to === undefined ? 'stdout' : choice('--to', values.to, SINK_TARGETS),
  }
}
