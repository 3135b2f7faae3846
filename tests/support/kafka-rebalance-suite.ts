// Two ingest members of one consumer group share the partitions; one leaves
// mid-stream and the other takes its partitions over; every event is stored
// once. One suite run against each Kafka line (tests/kafka-rebalance.test.ts:
// the current one; tests/kafka-rebalance-3.9.test.ts: the last 3.x), on a
// real Apache Kafka broker. Deployed, these would be two processes writing
// one ClickHouse server; chDB binds a data directory to a single process, so
// here (and only here) the two processes are replaced by two independent
// in-process consumers: separate kafkajs clients and group members, separate
// ingest pipelines, sharing one embedded ClickHouse client.
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKafkaIngest, type KafkaIngest } from '../../ingest/kafka/consumer.ts'
import { createKafkaPublisher, type KafkaPublisher } from '../../core/kafka/publisher.ts'
import { FAMILY_TOPICS } from '../../core/kafka/topics.ts'
import type { Storage } from '../../core/storage/clickhouse.ts'
import { KafkaInspector } from './kafka-inspect.ts'
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

// Every event family's topic: the consumer subscribes to all of them.
const TOPICS = Object.values(FAMILY_TOPICS)
const PARTITIONS = TOPICS.length * FAST_GROUP.topicPartitions

const partitionsOf = (ingest: KafkaIngest): string[] =>
  Object.entries(ingest.status().assigned).flatMap(([topic, ps]) => ps.map((p) => `${topic}/${p}`))

export function describeRebalance(version: string): void {
  let kafka: KafkaCluster
  let inspect: KafkaInspector
  let storage: Storage
  let publisher: KafkaPublisher | undefined
  const running: Array<{ stop(): Promise<unknown> }> = []

  beforeAll(async () => {
    kafka = await startKafka({ version })
    inspect = await KafkaInspector.connect(kafka.brokers)
    storage = await openTestStorage(freshDataDir())
  })

  afterAll(async () => {
    for (const r of running.reverse()) await r.stop()
    await publisher?.close()
    await storage?.close()
    await inspect?.close()
    await kafka?.stop()
  })

  describe(`two ingest members in one group on Apache Kafka ${version}`, () => {
    it('share the partitions, and when one leaves the other takes over with nothing lost or doubled', async () => {
      const config = testKafkaConfig(kafka.brokers, { groupId: 'shared' })
      publisher = await createKafkaPublisher(config, quietLogger('publisher'), { limits: TEST_LIMITS, topics: { partitions: FAST_GROUP.topicPartitions, replicationFactor: -1 } })
      const lines = await simulatorLines({ seed: 31, minutes: 24 })
      const quarter = Math.floor(lines.length / 4)
      const parts = [lines.slice(0, quarter), lines.slice(quarter, 2 * quarter), lines.slice(2 * quarter, 3 * quarter), lines.slice(3 * quarter)]

      const start = (name: string) =>
        startKafkaIngest({ config, pipeline: testPipeline(storage.client, name), logger: quietLogger(name), settings: FAST_GROUP })
      await publishLines(publisher, parts[0])
      const a = await start('member-a')
      running.push(a)
      const b = await start('member-b')
      running.push(b)

      // Both members hold partitions, none twice, all covered.
      await waitFor('the partitions split between the two members', () => {
        const [pa, pb] = [partitionsOf(a), partitionsOf(b)]
        return pa.length > 0 && pb.length > 0 && pa.length + pb.length === PARTITIONS && new Set([...pa, ...pb]).size === PARTITIONS
      }, 30_000)
      await publishLines(publisher, parts[1])
      await waitFor('the first half stored', async () => (await storedCounts(storage.client)).total === 2 * quarter || undefined)

      // A leaves while events keep coming: it finishes its batch in flight, commits, leaves the group.
      const leaving = a.stop()
      await publishLines(publisher, parts[2])
      await leaving
      await waitFor('the remaining member to own every partition', () => partitionsOf(b).length === PARTITIONS || undefined, 30_000)
      await publishLines(publisher, parts[3])

      const stored = await waitFor('every event stored', async () => {
        const counts = await storedCounts(storage.client)
        return counts.total >= lines.length ? counts : undefined
      })
      expect(stored.total).toBe(lines.length)
      expect(stored.distinct).toBe(lines.length)
      expect(stored.byType).toEqual(countByType(lines))
      const { rollups, events } = await rollupsAgainstEvents(storage.client)
      expect(rollups).toEqual(events)

      // The group committed every partition to its end, and only B is left in it.
      const ends = await inspect.endsByTopic(TOPICS)
      await waitFor('commits to the end of every partition', async () => isDeepStrictEqual(await inspect.committedByTopic('shared', TOPICS), ends) || undefined, 15_000)
      expect(await inspect.members('shared')).toBe(1)
    })
  })
}
