/**
 * In-memory, single-node Kafka broker for tests.
 *
 * A TEST DOUBLE: it speaks the subset of the Kafka wire protocol that kafkajs
 * 2.x uses to create topics, produce, fetch and run consumer groups, keeps
 * everything in memory and forgets it on stop(). Production uses Apache Kafka.
 *
 *   const broker = await startTestBroker({ port: 0 })
 *   const kafka = new Kafka({ brokers: [broker.brokers] })
 *   ...
 *   await broker.stop()
 */
import { API_HANDLERS } from './apis/index.ts'
import { BrokerState, MAX_PARTITIONS } from './broker-state.ts'
import { ErrorCode } from './errors.ts'
import type { GroupDescription } from './group-coordinator.ts'
import type { RecordHeader } from './record-batch.ts'
import { listen } from './server.ts'

export type { GroupDescription } from './group-coordinator.ts'
export type { RecordHeader } from './record-batch.ts'

export interface TestBrokerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Interface to listen on; default 127.0.0.1. */
  host?: string
  /** Create unknown topics on Metadata/Produce requests; default true. */
  autoCreateTopics?: boolean
  /** Partitions of auto-created topics and of CreateTopics with -1; default 1. */
  defaultPartitions?: number
  /** Receives one line per notable event (topic created, rebalance, bad request). */
  log?: (message: string) => void
}

export interface BrokerMessage {
  topic: string
  partition: number
  offset: number
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: RecordHeader[]
}

export interface TestBroker {
  host: string
  port: number
  /** "host:port", ready for `new Kafka({ brokers: [broker.brokers] })`. */
  brokers: string
  /** Creates a topic; false if it already exists with that many partitions. */
  createTopic(name: string, partitions?: number): boolean
  /** Every record of a topic, by partition then offset ([] for unknown topics). */
  messages(topic: string): BrokerMessage[]
  /** The committed offset of a group for a partition, if any. */
  committedOffset(groupId: string, topic: string, partition: number): number | undefined
  /** Current state of a consumer group, if it exists. */
  group(groupId: string): GroupDescription | undefined
  stop(): Promise<void>
}

function advertisedHostFor(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}

export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const host = options.host ?? '127.0.0.1'
  const defaultPartitions = options.defaultPartitions ?? 1
  if (!Number.isInteger(defaultPartitions) || defaultPartitions < 1 || defaultPartitions > MAX_PARTITIONS) {
    throw new RangeError(`defaultPartitions must be an integer in 1..${MAX_PARTITIONS}`)
  }
  const log = options.log ?? (() => undefined)
  const config = {
    advertisedHost: advertisedHostFor(host),
    port: options.port ?? 0,
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions,
    log,
  }
  const state = new BrokerState(config)
  const server = await listen({ host, port: config.port, state, handlers: API_HANDLERS, log })
  // With port 0 the real port is only known now; Metadata must advertise it.
  config.port = server.port

  let stopped: Promise<void> | null = null
  return {
    host: config.advertisedHost,
    port: server.port,
    brokers: `${config.advertisedHost}:${server.port}`,
    createTopic(name, partitions = defaultPartitions) {
      const existing = state.topics.get(name)
      if (existing && existing.partitions.length === partitions) return false
      const result = state.createTopic(name, partitions)
      if (result.errorCode !== ErrorCode.NONE) throw new Error(result.message ?? 'cannot create topic')
      return true
    },
    messages(topic) {
      const found = state.topics.get(topic)
      if (!found) return []
      return found.partitions.flatMap((log, partition) =>
        log.all().map((record) => ({ topic, partition, ...record, headers: [...record.headers] })),
      )
    },
    committedOffset: (groupId, topic, partition) => state.offsets.get(groupId, topic, partition)?.offset,
    group: (groupId) => state.groups.describe(groupId),
    stop() {
      stopped ??= (async () => {
        state.groups.stop()
        await server.close()
      })()
      return stopped
    },
  }
}
