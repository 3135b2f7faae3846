// `npm run ingest` as a real process against a real Apache Kafka broker
// (KAFKA_VERSION) with its own embedded ClickHouse data directory. The test opens that directory itself only after the process
// has exited: chDB binds a data directory to one process at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKafkaPublisher, type KafkaPublisher } from '../core/kafka/publisher.ts'
import { KafkaInspector } from './support/kafka-inspect.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import { spawnIngest, type IngestProcess } from './support/ingest-process.ts'
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
  waitFor,
  TEST_LIMITS,
} from './support/kafka-ingest-fixtures.ts'

const TOPICS = ['cc.calls', 'cc.agents', 'cc.surveys', 'grid.outages', 'ops.workorders', 'ops.supervision']

let kafka: KafkaCluster
let inspect: KafkaInspector
let publisher: KafkaPublisher | undefined
const processes: IngestProcess[] = []

beforeAll(async () => {
  kafka = await startKafka()
  inspect = await KafkaInspector.connect(kafka.brokers)
})

afterAll(async () => {
  for (const p of processes) await p.kill('SIGKILL')
  await publisher?.close()
  await inspect?.close()
  await kafka?.stop()
})

function start(env: Record<string, string>): IngestProcess {
  const p = spawnIngest(env)
  processes.push(p)
  return p
}

function metricValue(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text)
  return match ? Number(match[1]) : 0
}

function lagByPartition(text: string): Map<string, number> {
  const lag = new Map<string, number>()
  for (const m of text.matchAll(/^cc_kafka_consumer_lag\{topic="([^"]+)",partition="(\d+)"\} (\d+)$/gm)) lag.set(`${m[1]}/${m[2]}`, Number(m[3]))
  return lag
}

describe('the ingest process', () => {
  it('refuses to start without KAFKA_BROKERS and says what to set', async () => {
    const p = start({ DATA_DIR: freshDataDir() })
    const exit = await p.exited
    expect(exit.code).toBe(1)
    expect(p.output()).toMatch(/KAFKA_BROKERS is not set/)
  })

  it('with Kafka unreachable exits 1 with one clear line, and never prints the SASL password', async () => {
    const p = start({
      DATA_DIR: freshDataDir(),
      // Nothing listens on port 1: every connection is refused at once.
      KAFKA_BROKERS: '127.0.0.1:1',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'ingest-user',
      KAFKA_SASL_PASSWORD: 'hunter2-do-not-print',
    })
    const exit = await p.exited
    expect(exit.code).toBe(1)
    expect(p.output()).toMatch(/^error: cannot consume from Kafka at 127\.0\.0\.1:1: .*ECONNREFUSED/m)
    // The config is logged at start, its SASL settings censored.
    expect(p.output()).toMatch(/"brokers":\["127\.0\.0\.1:1"\].*"sasl":"\[redacted\]"/)
    expect(p.output()).not.toContain('hunter2-do-not-print')
  })

  it('killed with SIGKILL mid-stream and started again stores every event once; SIGTERM then exits 0 with everything committed', async () => {
    const dataDir = freshDataDir()
    const env = {
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_GROUP_ID: 'process',
      DATA_DIR: dataDir,
      KAFKA_SESSION_TIMEOUT_MS: String(FAST_GROUP.sessionTimeoutMs),
      KAFKA_HEARTBEAT_INTERVAL_MS: String(FAST_GROUP.heartbeatIntervalMs),
      KAFKA_REBALANCE_TIMEOUT_MS: String(FAST_GROUP.rebalanceTimeoutMs),
      KAFKA_TOPIC_PARTITIONS: String(FAST_GROUP.topicPartitions),
      INGEST_BATCH_ROWS: '500',
      INGEST_BATCH_MS: '50',
    }
    publisher = await createKafkaPublisher(testKafkaConfig(kafka.brokers), quietLogger('publisher'), { limits: TEST_LIMITS,
      topics: { partitions: FAST_GROUP.topicPartitions, replicationFactor: -1 },
    })
    const lines = await simulatorLines({ seed: 41, minutes: 30 })
    const head = Math.floor(lines.length * 0.3)

    const first = start(env)
    await first.waitHealthy()
    await publishLines(publisher, lines.slice(0, head))
    await waitFor('the first process to store some events', async () => metricValue(await first.metrics(), 'cc_ingest_events_inserted_total') > 0 || undefined, 30_000, 50)
    // The rest is produced while the first process is busy storing it, is
    // killed, and the second starts.
    const producing = publishLines(publisher, lines.slice(head), 200)
    await waitFor('the first process to be busy with the rest', async () => metricValue(await first.metrics(), 'cc_ingest_events_inserted_total') > head || undefined, 30_000, 20)
    const killed = await first.kill('SIGKILL')
    expect(killed.signal).toBe('SIGKILL')

    const second = start(env)
    await second.waitHealthy()
    await producing
    const lag = await waitFor('the second process to drain every partition', async () => {
      const parsed = lagByPartition(await second.metrics())
      return parsed.size === TOPICS.length * FAST_GROUP.topicPartitions && [...parsed.values()].every((n) => n === 0) ? parsed : undefined
    }, 90_000, 500)
    expect(lag.size).toBe(TOPICS.length * FAST_GROUP.topicPartitions)

    const stopped = await second.kill('SIGTERM')
    expect(stopped).toEqual({ code: 0, signal: null })
    expect(second.output()).toMatch(/left the consumer group/)
    expect(await inspect.committedByTopic('process', TOPICS)).toEqual(await inspect.endsByTopic(TOPICS))
    expect(await inspect.members('process')).toBe(0)

    const storage = await openTestStorage(dataDir)
    try {
      const stored = await storedCounts(storage.client)
      expect(stored.total).toBe(lines.length)
      expect(stored.distinct).toBe(lines.length)
      expect(stored.byType).toEqual(countByType(lines))
      // Every rollup counts every stored event once, even if the kill fell
      // between `events` and a view's target (the restart completes that insert
      // from its journal; tests/ingest-crash.test.ts makes that case certain).
      const { rollups, events } = await rollupsAgainstEvents(storage.client)
      expect(rollups).toEqual(events)
    } finally {
      await storage.close()
    }
  })
})
