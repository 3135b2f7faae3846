// ClickHouse unavailable for a while, seen from the Kafka consumer. The
// embedded engine cannot be stopped apart from the process that hosts it, so
// this is a fault injection: the pipeline's client refuses every insert and
// query while `down` is set, as a server that went away would. The consumer
// must pause, keep its partitions (heartbeats go on), commit nothing it has
// not stored, and once inserts succeed resume and store everything once.
// Kafka is a real Apache Kafka broker (KAFKA_VERSION).
import type { ClickHouseClient } from '@clickhouse/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKafkaIngest } from '../ingest/kafka/consumer.ts'
import { createKafkaPublisher, type KafkaPublisher } from '../core/kafka/publisher.ts'
import type { Storage } from '../core/storage/clickhouse.ts'
import { eventTopics } from '../core/kafka/topics.ts'
import { KafkaInspector } from './support/kafka-inspect.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import {
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
} from './support/kafka-ingest-fixtures.ts'

let kafka: KafkaCluster
let inspect: KafkaInspector
let storage: Storage
let publisher: KafkaPublisher | undefined
const running: Array<{ stop(): Promise<unknown> }> = []

beforeAll(async () => {
  kafka = await startKafka()
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

/** The storage client as the pipeline sees it, with a switch that makes ClickHouse unreachable. */
function faultyClient(client: ClickHouseClient) {
  const state = { down: false, refused: 0 }
  const refuse = () => {
    state.refused += 1
    return Promise.reject(new Error('fault injection: ClickHouse is unavailable (connection refused)'))
  }
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'insert') return (...args: Parameters<ClickHouseClient['insert']>) => (state.down ? refuse() : target.insert(...args))
      if (prop === 'query') return (...args: Parameters<ClickHouseClient['query']>) => (state.down ? refuse() : target.query(...args))
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
  return { client: proxy, state }
}

/** Messages the group has committed over every partition of the event topics. */
async function committedTotal(groupId: string): Promise<number> {
  const committed = await inspect.committedByTopic(groupId, eventTopics(''))
  return Object.values(committed).reduce((total, partitions) => total + Object.values(partitions).reduce((a, b) => a + b, 0), 0)
}

describe('ClickHouse unavailable for a while', () => {
  it('pauses consumption, keeps the partitions, loses and doubles nothing, and resumes when inserts succeed', async () => {
    const config = testKafkaConfig(kafka.brokers, { groupId: 'outage' })
    publisher = await createKafkaPublisher(config, quietLogger('publisher'), { limits: TEST_LIMITS, topics: { partitions: FAST_GROUP.topicPartitions, replicationFactor: -1 } })
    const lines = await simulatorLines({ seed: 23, minutes: 20 })
    const third = Math.floor(lines.length / 3)
    const [before, during, later] = [lines.slice(0, third), lines.slice(third, 2 * third), lines.slice(2 * third)]
    expect(later.length).toBeGreaterThan(500)

    const faulty = faultyClient(storage.client)
    const pipeline = testPipeline(faulty.client, 'outage')
    const ingest = await startKafkaIngest({ config, pipeline, logger: quietLogger('outage'), settings: FAST_GROUP, stallMs: 1000 })
    running.push(ingest)

    await publishLines(publisher, before)
    await waitFor('the first events stored', async () => (await storedCounts(storage.client)).total === before.length || undefined)
    await waitFor('their offsets committed', async () => (await committedTotal('outage')) === before.length || undefined, 15_000)
    const assignedBefore = ingest.status().assigned

    faulty.state.down = true
    await publishLines(publisher, during)
    await waitFor('the consumer to pause', () => ingest.status().paused || undefined, 20_000)
    expect(await ingest.metricsText()).toMatch(/^cc_kafka_consumer_paused 1$/m)
    await publishLines(publisher, later)

    // Down for longer than the session timeout: only heartbeats keep the partitions.
    const refusedAtPause = faulty.state.refused
    await new Promise((resolve) => setTimeout(resolve, FAST_GROUP.sessionTimeoutMs + 2000))
    // Retries back off (100 ms doubling to 500 ms): a handful per second, not a busy loop.
    expect(faulty.state.refused - refusedAtPause).toBeLessThan(40)
    expect(pipeline.metrics.insertFailuresTotal).toBeGreaterThan(0)
    expect(ingest.status().paused).toBe(true)
    expect(ingest.status().assigned).toEqual(assignedBefore)
    // Nothing committed past what is stored, and the paused consumer fetched no more.
    expect(await committedTotal('outage')).toBe(before.length)
    expect((await storedCounts(storage.client)).total).toBe(before.length)
    expect(pipeline.buffered).toBeLessThanOrEqual(during.length)

    faulty.state.down = false
    const stored = await waitFor('everything stored after the outage', async () => {
      const counts = await storedCounts(storage.client)
      return counts.total >= lines.length ? counts : undefined
    })
    expect(stored.total).toBe(lines.length)
    expect(stored.distinct).toBe(lines.length)
    const { rollups, events } = await rollupsAgainstEvents(storage.client)
    expect(rollups).toEqual(events)
    await waitFor('offsets committed to the end', async () => (await committedTotal('outage')) === lines.length || undefined, 15_000)
    await waitFor('consumption resumed', () => !ingest.status().paused || undefined, 10_000)
    const text = await ingest.metricsText()
    expect(text).toMatch(/^cc_kafka_consumer_rebalances_total 1$/m)
    expect(text).toMatch(/^cc_kafka_consumer_pauses_total [1-9]\d*$/m)
    // A broker, ClickHouse held down for a while and 20 minutes of traffic three times over: minutes on a busy machine.
  }, 180_000)
})
