// The deployed event sink: checks each input against the event contracts
// (the same `decode` the ingest pipeline uses) and publishes the valid ones
// to their family topic, keyed by entity id. Used by the server's
// POST /api/v1/events when KAFKA_BROKERS is set and by the simulator's
// `--to kafka`. An input refused here is answered as refused, and with
// KAFKA_DLQ_TOPIC set it is also published there, its reason in headers.
//
// `durable` resolves once Kafka acknowledged every message of the submission
// (acks = all in-sync replicas). It rejects when Kafka has not acknowledged
// within `ackTimeoutMs` (the producer keeps retrying in the background):
// the caller must then treat the submission as not delivered, and sending it
// again is safe because ingest stores each event_id once.
import type { Message, Producer, TopicMessages } from 'kafkajs'
import type { DecodeLimits } from '../config.ts'
import { decode, type IngestInput } from '../intake/decode.ts'
import type { EventSink } from '../intake/event-sink.ts'
import type { ItemResult, SubmitItem, Submission } from '../intake/event-sink.ts'
import { createKafkaClient, type KafkaLogger } from './kafka-client.ts'
import { stablePartitioner } from './partitioner.ts'
import type { KafkaConfig } from './kafka-config.ts'
import { ensureTopics, keyOf, topicOf } from './topics.ts'

export interface KafkaPublisher extends EventSink {
  close(): Promise<void>
}

export interface PublisherOptions {
  /** What the intake refuses (loadDecodeLimits), as the pipeline does. */
  limits: DecodeLimits
  /** Partitions and replication of topics created when missing. */
  topics: { partitions: number; replicationFactor: number }
  now?: () => number
  /** Messages sent but not yet acknowledged before `submit` waits (backpressure). */
  maxUnacknowledged?: number
  /** How long a submission may wait for Kafka (for room, then for acknowledgement); default 30 s. */
  ackTimeoutMs?: number
}

const DEFAULT_MAX_UNACKNOWLEDGED = 50_000
const DEFAULT_ACK_TIMEOUT_MS = 30_000

function isUnsupportedApi(err: unknown): boolean {
  return err instanceof Error && err.name === 'KafkaJSServerDoesNotSupportApiKey'
}

// Idempotent when the broker supports it (a retry then never duplicates or
// reorders a message); one request in flight per broker either way, so a
// retried request cannot overtake the next and reorder an entity's events.
async function connectProducer(config: KafkaConfig, logger: KafkaLogger): Promise<Producer> {
  const kafka = createKafkaClient(config, logger)
  const options = { createPartitioner: stablePartitioner, allowAutoTopicCreation: false, maxInFlightRequests: 1 }
  const idempotent = kafka.producer({ ...options, idempotent: true })
  try {
    await idempotent.connect()
    return idempotent
  } catch (err) {
    await idempotent.disconnect().catch(() => undefined)
    if (!isUnsupportedApi(err)) throw err
  }
  logger.warn('kafka: the broker does not offer idempotent producers; publishing with acks=all and retries (a retry may duplicate a message, which ingest deduplicates)')
  const plain = kafka.producer(options)
  await plain.connect()
  return plain
}

function dlqValue(input: IngestInput, payload: string): string | Buffer {
  // The dead-letter copy is cut like the dead_letters table's (payload holds
  // at most 64 KiB), so an oversized input cannot make its own DLQ write fail.
  if (typeof input === 'string' && input === payload) return input
  if (input instanceof Uint8Array && input.byteLength === Buffer.byteLength(payload)) return Buffer.from(input)
  return payload
}

/** `work`, or a rejection with `message` if it has not settled within `ms`. */
function within<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export async function createKafkaPublisher(config: KafkaConfig, logger: KafkaLogger, opts: PublisherOptions): Promise<KafkaPublisher> {
  const limits = opts.limits
  const now = opts.now ?? Date.now
  const maxUnacknowledged = opts.maxUnacknowledged ?? DEFAULT_MAX_UNACKNOWLEDGED
  const ackTimeoutMs = opts.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS
  const settings = opts.topics

  const admin = createKafkaClient(config, logger).admin()
  await admin.connect()
  try {
    const created = await ensureTopics(admin, config, settings)
    if (created.length > 0) logger.info({ topics: created }, 'kafka: created topics')
  } finally {
    await admin.disconnect()
  }
  const producer = await connectProducer(config, logger)

  let unacknowledged = 0
  const inFlight = new Set<Promise<void>>()
  let spaceWaiters: (() => void)[] = []
  let closed = false

  const waitForRoom = async (): Promise<void> => {
    if (unacknowledged < maxUnacknowledged) return
    let release: () => void = () => undefined
    const room = new Promise<void>((resolve) => spaceWaiters.push((release = resolve)))
    try {
      await within(room, ackTimeoutMs, () => `Kafka has not acknowledged ${unacknowledged} messages for ${ackTimeoutMs / 1000} s; not accepting more`)
    } finally {
      spaceWaiters = spaceWaiters.filter((w) => w !== release)
    }
    if (unacknowledged >= maxUnacknowledged) await waitForRoom()
  }

  const send = (topicMessages: TopicMessages[], count: number): Promise<void> => {
    unacknowledged += count
    const sent: Promise<void> = producer
      .sendBatch({ acks: -1, topicMessages })
      .then(() => undefined)
      .finally(() => {
        unacknowledged -= count
        inFlight.delete(sent)
        while (unacknowledged < maxUnacknowledged && spaceWaiters.length > 0) spaceWaiters.shift()!()
      })
    inFlight.add(sent)
    const durable = within(sent, ackTimeoutMs, () => `Kafka has not acknowledged ${count} messages within ${ackTimeoutMs / 1000} s`).catch((err: unknown) => {
      throw new Error(`Kafka did not acknowledge ${count} messages: ${(err as Error).message}`)
    })
    // Marked handled here; callers see a failure through `durable`.
    sent.catch(() => undefined)
    durable.catch(() => undefined)
    return durable
  }

  return {
    async submit(items: SubmitItem[]): Promise<Submission> {
      if (closed) throw new Error('the Kafka publisher is closed')
      await waitForRoom()
      const at = now()
      const results: ItemResult[] = []
      const byTopic = new Map<string, Message[]>()
      const dead: Message[] = []
      for (const item of items) {
        const decoded = decode(item.input, at, limits)
        if (decoded.ok) {
          const topic = topicOf(decoded.event, config.topicPrefix)
          let messages = byTopic.get(topic)
          if (!messages) byTopic.set(topic, (messages = []))
          messages.push({ key: keyOf(decoded.event), value: JSON.stringify(decoded.event) })
          results.push({ ok: true, event_id: decoded.event.event_id, type: decoded.event.type })
        } else {
          results.push({ ok: false, code: decoded.code, reason: decoded.reason })
          dead.push({
            value: dlqValue(item.input, decoded.payload),
            headers: {
              reason_code: decoded.code,
              reason: decoded.reason,
              source: item.source,
              payload_bytes: String(decoded.payloadBytes),
            },
          })
        }
      }
      const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }))
      if (config.dlqTopic && dead.length > 0) topicMessages.push({ topic: config.dlqTopic, messages: dead })
      const count = topicMessages.reduce((n, t) => n + t.messages.length, 0)
      const durable = count === 0 ? Promise.resolve() : send(topicMessages, count)
      return { results, durable }
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      // Messages still unacknowledged after the timeout are given up with the producer.
      await within(Promise.allSettled([...inFlight]), ackTimeoutMs, () => 'timeout').catch(() => undefined)
      await producer.disconnect()
    },
  }
}
