/**
 * `npm run kafka:local`: a real Apache Kafka on this machine (KRaft, every
 * node broker and controller) for trying the deployed mode, from Kafka's
 * jars on Maven Central; needs Java 17 and Maven. Data lives in a temporary
 * directory, deleted when Ctrl-C stops it.
 *
 *   npm run kafka:local [-- --port 9092] [--version 4.4.0] [--nodes 1]
 */
import { parseArgs } from 'node:util'
import { startKafka } from './index.ts'
import { isKafkaVersion } from './resolve-jars.ts'
import { KAFKA_VERSION } from './versions.ts'

const USAGE = `Usage: npm run kafka:local -- [options]

Starts Apache Kafka (KRaft) on 127.0.0.1 from Maven Central's jars until
Ctrl-C; its data is in a temporary directory, deleted on exit.
Needs Java 17 or later and Maven.

Options:
  --port N        client port of node 1 (default 9092; 0 for a free one)
  --version V     Apache Kafka release (default ${KAFKA_VERSION})
  --nodes N       nodes in the cluster, 1 to 9 (default 1); nodes after the first take free ports
  --help          show this help
`

class UsageError extends Error {}

function parseCli(argv: string[]): { port: number; version: string; nodes: number; help: boolean } {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, version: { type: 'string' }, nodes: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const int = (flag: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}"`)
    return value
  }
  const version = values.version ?? KAFKA_VERSION
  if (!isKafkaVersion(version)) throw new UsageError(`--version must be a Kafka release such as ${KAFKA_VERSION}, got "${version}"`)
  return {
    port: int('--port', values.port, 9092, 0, 65_535),
    version,
    nodes: int('--nodes', values.nodes, 1, 1, 9),
    help: values.help ?? false,
  }
}

async function main(): Promise<void> {
  let options
  try {
    options = parseCli(process.argv.slice(2))
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(`error: ${err.message}\nRun with --help for usage.\n`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    process.stdout.write(USAGE)
    return
  }
  process.stdout.write(`starting Apache Kafka ${options.version} (${options.nodes} node${options.nodes > 1 ? 's' : ''}); the first run downloads it from Maven Central\n`)
  const kafka = await startKafka({ version: options.version, nodes: options.nodes, port: options.port })
  const seconds = (ms: number) => (ms / 1000).toFixed(1)
  process.stdout.write(
    `Apache Kafka ${kafka.version} is up (jars ${seconds(kafka.startup.resolveMs)} s, format ${seconds(kafka.startup.formatMs)} s, start ${seconds(kafka.startup.startMs)} s)\n` +
      `  KAFKA_BROKERS=${kafka.brokers}\n` +
      `  data and logs: ${kafka.dir} (deleted on exit; node logs: ${kafka.nodeIds.map((id) => kafka.logFile(id)).join(', ')})\n` +
      'Ctrl-C stops it.\n',
  )
  // A Ctrl-C reaches this process twice (from the terminal and relayed by
  // tsx): the second must not end it before the data is deleted.
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`received ${signal}, stopping Kafka and deleting its data\n`)
    kafka.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${(err as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${(err as Error).message}\n`)
  process.exit(1)
})
