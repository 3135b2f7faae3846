// A real Apache Kafka for the tests and for `npm run kafka:local`: Kafka's
// own server jars from Maven Central (resolve-jars.ts), a KRaft cluster of
// one or more nodes on loopback, each node both broker and controller, data
// in a temporary directory removed at stop.
//
//   const kafka = await startKafka({ version: '4.4.0', nodes: 1 })
//   ... KAFKA_BROKERS=kafka.brokers ...
//   await kafka.restart(1)           // a node down and up again (same ports, same data)
//   await kafka.stop()
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatStorage } from './format-storage.ts'
import { freePorts } from './free-ports.ts'
import { requireJava17 } from './java.ts'
import { launchNode, type NodeProcess, type StopMode } from './node-process.ts'
import { resolveKafkaJars } from './resolve-jars.ts'
import { serverProperties, type NodeSpec } from './server-properties.ts'
import { untilServing } from './serving.ts'
import { KAFKA_VERSION } from './versions.ts'

export type { StopMode } from './node-process.ts'

export interface StartKafkaOptions {
  /** Apache Kafka release (default KAFKA_VERSION, the current line). */
  version?: string
  /** Nodes in the cluster (default 1). */
  nodes?: number
  /** Client port of node 1 (default 0: a free port); the other ports are always free ones. */
  port?: number
  /** Kafka's log level in each node's kafka.log (default INFO). */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'
  /** How long the nodes may take to start and answer (default 120 s, for a busy machine). */
  timeoutMs?: number
}

export interface KafkaCluster {
  readonly version: string
  /** host:port of every node, comma-separated: what KAFKA_BROKERS takes. */
  readonly brokers: string
  readonly nodeIds: number[]
  /** The cluster's directory: node-<id>/ with server.properties, data/ and kafka.log. */
  readonly dir: string
  /** Milliseconds the start took: resolving the jars, formatting storage, starting the nodes until the cluster answered. */
  readonly startup: { resolveMs: number; formatMs: number; startMs: number }
  logFile(nodeId: number): string
  /** Stops one node (default `terminate`, a clean shutdown; `kill` for a crash). */
  stopNode(nodeId: number, mode?: StopMode): Promise<void>
  /** Starts a stopped node again, with its ports and data, and waits until the cluster lists it. */
  startNode(nodeId: number): Promise<void>
  restart(nodeId: number, mode?: StopMode): Promise<void>
  /** Stops every node (default `kill`: the data is thrown away) and removes the directory. */
  stop(mode?: StopMode): Promise<void>
}

export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaCluster> {
  const version = opts.version ?? KAFKA_VERSION
  const count = opts.nodes ?? 1
  const logLevel = opts.logLevel ?? 'INFO'
  const timeoutMs = opts.timeoutMs ?? 120_000
  if (!Number.isInteger(count) || count < 1 || count > 9) throw new RangeError(`nodes must be 1 to 9, got ${count}`)

  const began = Date.now()
  await requireJava17()
  const jarsDir = await resolveKafkaJars(version)
  const resolved = Date.now()

  const dir = mkdtempSync(join(tmpdir(), `kafka-${version}-`))
  const ports = await freePorts(2 * count)
  if (opts.port) ports[0] = opts.port
  const specs: NodeSpec[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    brokerPort: ports[2 * i],
    controllerPort: ports[2 * i + 1],
    dataDir: join(dir, `node-${i + 1}`, 'data'),
  }))
  const propertiesFile = (id: number) => join(dir, `node-${id}`, 'server.properties')
  const logFile = (id: number) => join(dir, `node-${id}`, 'kafka.log')
  for (const spec of specs) {
    mkdirSync(spec.dataDir, { recursive: true })
    writeFileSync(propertiesFile(spec.id), serverProperties(spec, specs))
  }
  const brokerList = specs.map((s) => `127.0.0.1:${s.brokerPort}`)
  const nodeIds = specs.map((s) => s.id)
  const running = new Map<number, NodeProcess>()

  const launch = async (id: number) => {
    running.set(id, await launchNode({ jarsDir, propertiesFile: propertiesFile(id), logFile: logFile(id), logLevel, timeoutMs }))
  }
  const stopNode = async (id: number, mode: StopMode = 'terminate') => {
    await running.get(id)?.stop(mode)
    running.delete(id)
  }
  const stop = async (mode: StopMode = 'kill') => {
    await Promise.all([...running.keys()].map((id) => stopNode(id, mode)))
    rmSync(dir, { recursive: true, force: true })
  }
  const startNode = async (id: number) => {
    if (!nodeIds.includes(id)) throw new RangeError(`no node ${id} in this cluster (nodes ${nodeIds.join(', ')})`)
    if (running.has(id)) throw new Error(`node ${id} is running`)
    await launch(id)
    await untilServing(brokerList, [...running.keys()], timeoutMs)
  }

  let formatted = resolved
  try {
    await formatStorage(version, jarsDir, specs, nodeIds.map(propertiesFile))
    formatted = Date.now()
    // Settled, not Promise.all: a node still starting when another failed
    // must be in `running` before the stop below.
    const launched = await Promise.allSettled(nodeIds.map(launch))
    for (const result of launched) if (result.status === 'rejected') throw result.reason
    await untilServing(brokerList, nodeIds, timeoutMs)
  } catch (err) {
    await stop('kill')
    throw err
  }

  return {
    version,
    brokers: brokerList.join(','),
    nodeIds,
    dir,
    startup: { resolveMs: resolved - began, formatMs: formatted - resolved, startMs: Date.now() - formatted },
    logFile,
    stopNode,
    startNode,
    async restart(id, mode = 'terminate') {
      await stopNode(id, mode)
      await startNode(id)
    },
    stop,
  }
}
