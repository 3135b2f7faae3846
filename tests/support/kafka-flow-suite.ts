// The Kafka path over the wire, as one suite run against each Kafka line
// (tests/kafka-flow.test.ts: the current one; tests/kafka-flow-3.9.test.ts:
// the last 3.x): simulator events published through the Kafka publisher to a
// real Apache Kafka broker, consumed by the ingest's kafkajs consumer group
// into the embedded ClickHouse; a poison message; and the protocol versions
// kafkajs speaks to that broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { randomUUID } from 'node:crypto'
import { startKafkaIngest, type KafkaIngest } from '../../ingest/kafka/consumer.ts'
import { createKafkaPublisher, type KafkaPublisher } from '../../core/kafka/publisher.ts'
import { eventTopics } from '../../core/kafka/topics.ts'
import type { Storage } from '../../core/storage/clickhouse.ts'
import { KafkaInspector } from './kafka-inspect.ts'
import { kafkajsApiFit } from './kafka-real/api-versions.ts'
import { startKafka, type KafkaCluster } from './kafka-real/index.ts'
import {
  countByType,
  FAST_GROUP,
  freshDataDir,
  openTestStorage,
  publishLines,
  quietLogger,
  rollupsAgainstEvents,
  simulatorLines,
  storedCounts,
  testKafkaConfig,
  testPipeline,
  waitFor,
  TEST_LIMITS,
} from './kafka-ingest-fixtures.ts'

/** Lag per "topic/partition" from the consumer's Prometheus text. */
function parseLag(text: string): Map<string, number> {
  const lag = new Map<string, number>()
  for (const m of text.matchAll(/^cc_kafka_consumer_lag\{topic="([^"]+)",partition="(\d+)"\} (\d+)$/gm)) lag.set(`${m[1]}/${m[2]}`, Number(m[3]))
  return lag
}

const sum = (offsets: Record<number, number>) => Object.values(offsets).reduce((a, b) => a + b, 0)

export function describeKafkaFlow(version: string): void {
  let kafka: KafkaCluster
  let inspect: KafkaInspector
  let storage: Storage
  const running: Array<{ stop(): Promise<unknown> }> = []

  beforeAll(async () => {
    kafka = await startKafka({ version })
    inspect = await KafkaInspector.connect(kafka.brokers)
    storage = await openTestStorage(freshDataDir())
  })

  afterAll(async () => {
    for (const r of running.reverse()) await r.stop()
    await inspect?.close()
    await storage?.close()
    await kafka?.stop()
  })

  describe(`simulator → Apache Kafka ${version} → ingest → ClickHouse`, () => {
    it('stores every produced event once, with rollups that match the events, and commits to the end', async () => {
      const config = testKafkaConfig(kafka.brokers, { groupId: 'flow' })
      const publisher: KafkaPublisher = await createKafkaPublisher(config, quietLogger('publisher'), {
        limits: TEST_LIMITS,
        topics: { partitions: FAST_GROUP.topicPartitions, replicationFactor: -1 },
      })
      running.push({ stop: () => publisher.close() })
      const lines = await simulatorLines({ seed: 11, minutes: 20 })
      const half = Math.floor(lines.length / 2)
      // Half before the consumer starts (it must read from the beginning), half while it runs.
      await publishLines(publisher, lines.slice(0, half))

      const pipeline = testPipeline(storage.client, 'flow')
      const ingest: KafkaIngest = await startKafkaIngest({ config, pipeline, logger: quietLogger('flow'), settings: FAST_GROUP })
      running.push(ingest)
      await publishLines(publisher, lines.slice(half))

      const stored = await waitFor('every produced event stored', async () => {
        const counts = await storedCounts(storage.client)
        return counts.total >= lines.length ? counts : undefined
      })
      expect(stored.total).toBe(lines.length)
      expect(stored.distinct).toBe(lines.length)
      expect(stored.byType).toEqual(countByType(lines))
      const { rollups, events } = await rollupsAgainstEvents(storage.client)
      expect(rollups).toEqual(events)

      // Offsets are committed up to each partition's end once stored, and the lag says so.
      const lag = await waitFor('lag to reach 0', async () => {
        const parsed = parseLag(await ingest.metricsText())
        return [...parsed.values()].every((n) => n === 0) && parsed.size > 0 ? parsed : undefined
      }, 30_000, 500)
      expect(lag.size).toBe(eventTopics('').length * FAST_GROUP.topicPartitions)
      const topics = eventTopics('')
      const ends = await inspect.endsByTopic(topics)
      expect(Object.values(ends).reduce((n, e) => n + sum(e), 0)).toBe(lines.length)
      expect(await inspect.committedByTopic('flow', topics)).toEqual(ends)
      // An entity's events share a partition (the key is the entity id).
      const partitionsOfCall = new Map<string, Set<number>>()
      for (const m of await inspect.messages('cc.calls')) {
        const key = m.key ?? ''
        partitionsOfCall.set(key, (partitionsOfCall.get(key) ?? new Set()).add(m.partition))
      }
      expect(partitionsOfCall.size).toBeGreaterThan(100)
      expect([...partitionsOfCall.values()].every((s) => s.size === 1)).toBe(true)
      const metricsText = await ingest.metricsText()
      expect(metricsText).toMatch(/^cc_kafka_consumer_lag\{topic="cc\.calls",partition="0"\} 0$/m)
      expect(metricsText).toMatch(/^cc_kafka_consumer_paused 0$/m)
    })
  })

  describe('a poison message in a partition', () => {
    it('is dead-lettered with its reason (and copied to the DLQ topic) while the messages after it are stored', async () => {
      const config = testKafkaConfig(kafka.brokers, { groupId: 'poison', topicPrefix: 'p.', dlqTopic: 'p.dead-letters' })
      const pipeline = testPipeline(storage.client, 'poison')
      const ingest = await startKafkaIngest({ config, pipeline, logger: quietLogger('poison'), settings: FAST_GROUP })
      running.push(ingest)

      const at = new Date(Date.now() - 60_000).toISOString()
      const offered = (callId: string) =>
        JSON.stringify({ event_id: randomUUID(), type: 'call.offered', occurred_at: at, source: 'poison-test', region: 'R01', schema_version: 1, call_id: callId, queue: 'general' })
      const values = [
        offered('call-1'),
        offered('call-2'),
        '{"event_id": "not closed',
        JSON.stringify({ event_id: randomUUID(), type: 'call.offered', occurred_at: at, source: 'poison-test', region: 'R01', schema_version: 1, queue: 'general' }),
        offered('call-3'),
        offered('call-4'),
      ]
      // Written with a plain producer: the publisher would refuse the bad ones before Kafka.
      const writer = new Kafka({ clientId: 'poison-writer', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING })
      const producer = writer.producer({ createPartitioner: Partitioners.DefaultPartitioner })
      await producer.connect()
      await producer.send({ topic: 'p.cc.calls', acks: -1, messages: values.map((value) => ({ partition: 1, key: 'same-partition', value })) })
      await producer.disconnect()

      await waitFor('the valid events around the poison stored', async () => {
        const result = await storage.client.query({ query: "SELECT count() AS n FROM events WHERE source = 'poison-test'", format: 'JSONEachRow' })
        const [row] = await result.json<{ n: string }>()
        return Number(row.n) === 4 || undefined
      })
      const result = await storage.client.query({
        query: "SELECT reason_code, reason, payload FROM dead_letters WHERE source = 'kafka:p.cc.calls/1' ORDER BY reason_code",
        format: 'JSONEachRow',
      })
      const dead = await result.json<{ reason_code: string; reason: string; payload: string }>()
      expect(dead.map((d) => d.reason_code)).toEqual(['invalid', 'not_json'])
      expect(dead[0].reason).toMatch(/call_id/)
      expect(dead[1].payload).toBe('{"event_id": "not closed')

      await waitFor('the DLQ copies', async () => sum(await inspect.ends('p.dead-letters')) === 2 || undefined, 15_000)
      const copies = await inspect.messages('p.dead-letters')
      expect(copies.map((c) => c.headers.reason_code).sort()).toEqual(['invalid', 'not_json'])
      expect(copies.map((c) => c.headers.offset).sort()).toEqual(['2', '3'])
      expect(copies.every((c) => c.headers.topic === 'p.cc.calls' && c.headers.partition === '1')).toBe(true)
      expect(copies.map((c) => c.value).sort()).toEqual([values[3], values[2]].sort())

      // The partition did not stall: its offset is committed past the poison, to the end.
      await waitFor('commit to the end of the partition', async () => (await inspect.committed('poison', 'p.cc.calls'))[1] === 6 || undefined, 15_000)
    })
  })

  describe(`kafkajs and Apache Kafka ${version}`, () => {
    it('speaks every API the project uses at a version the broker serves', async () => {
      const fit = await kafkajsApiFit(kafka.brokers.split(',')[0])
      expect(fit.filter((f) => !f.fits)).toEqual([])
      // What the broker served was read, not assumed: Kafka has served Produce since version 0.
      expect(fit.find((f) => f.api === 'Produce')?.broker?.max).toBeGreaterThanOrEqual(7)
    })
  })
}
