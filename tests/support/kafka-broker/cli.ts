/**
 * Runs the in-memory test Kafka broker as a process:
 *
 *   tsx tests/support/kafka-broker/cli.ts [--port 9092] [--host 127.0.0.1] [--partitions 1]
 *
 * A TEST DOUBLE for local development and tests; production uses Apache Kafka.
 */
import { parseArgs } from 'node:util'
import { startTestBroker } from './index.ts'

const USAGE = `Usage: tsx tests/support/kafka-broker/cli.ts [options]

In-memory, single-node Kafka broker for tests and local development
(kafkajs-compatible subset of the protocol; all data is lost on exit).
This is a test double: production uses Apache Kafka.

Options:
  --port N         TCP port to listen on, 0 for a random free port (default 9092)
  --host HOST      interface to listen on (default 127.0.0.1)
  --partitions N   partitions of auto-created topics (default 1)
  --verbose        log topic creation, rebalances and rejected requests
  --help           show this help
`

class UsageError extends Error {}

interface CliOptions {
  port: number
  host: string
  partitions: number
  verbose: boolean
  help: boolean
}

function parseInteger(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be an integer, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${value}`)
  return value
}

const OPTION_SPEC = {
  port: { type: 'string' },
  host: { type: 'string' },
  partitions: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTION_SPEC, strict: true, allowPositionals: false }).values
  } catch (error) {
    // parseArgs rejects unknown flags, missing values and positionals
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function parseCli(argv: string[]): CliOptions {
  const values = parseFlags(argv)
  const host = values.host ?? '127.0.0.1'
  if (host.trim() === '') throw new UsageError('--host must not be empty')
  return {
    port: values.port === undefined ? 9092 : parseInteger('--port', values.port, 0, 65535),
    host,
    partitions: values.partitions === undefined ? 1 : parseInteger('--partitions', values.partitions, 1, 10_000),
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  }
}

async function main(): Promise<void> {
  let options: CliOptions
  try {
    options = parseCli(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`error: ${error.message}\nRun with --help for usage.\n`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    process.stdout.write(USAGE)
    return
  }

  const broker = await startTestBroker({
    port: options.port,
    host: options.host,
    defaultPartitions: options.partitions,
    log: options.verbose ? (line) => process.stderr.write(`[test-broker] ${line}\n`) : undefined,
  })
  process.stdout.write(
    `test Kafka broker (in-memory test double) listening on ${options.host}:${broker.port}, ` +
      `clients use brokers=${broker.brokers}\n`,
  )

  const shutdown = (signal: NodeJS.Signals): void => {
    process.stderr.write(`received ${signal}, stopping\n`)
    broker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`error: ${message}\n`)
  process.exit(1)
})
