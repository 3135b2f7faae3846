// The real-Kafka harness itself (tests/support/kafka-real): a three-node
// KRaft cluster on loopback, the shape a chaos suite needs, survives the
// crash of a partition leader and its return with nothing lost, and takes
// back a node restarted cleanly; and a machine without Java is told what to
// install.
import { existsSync, readFileSync } from 'node:fs'
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KafkaInspector } from './support/kafka-inspect.ts'
import { requireJava17 } from './support/kafka-real/java.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import { waitFor } from './support/kafka-ingest-fixtures.ts'

let cluster: KafkaCluster
let admin: Admin
let inspect: KafkaInspector

beforeAll(async () => {
  cluster = await startKafka({ nodes: 3 })
  const kafka = new Kafka({ clientId: 'harness-test', brokers: cluster.brokers.split(','), logLevel: logLevel.NOTHING })
  admin = kafka.admin()
  await admin.connect()
  inspect = await KafkaInspector.connect(cluster.brokers)
})

afterAll(async () => {
  await inspect?.close()
  await admin?.disconnect()
  await cluster?.stop()
})

async function partitionZero(topic: string) {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
  return topics[0].partitions.find((p) => p.partitionId === 0)!
}

async function produce(topic: string, from: number, count: number): Promise<void> {
  const producer = new Kafka({ clientId: 'harness-producer', brokers: cluster.brokers.split(','), logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
  })
  await producer.connect()
  try {
    const messages = Array.from({ length: count }, (_, i) => ({ key: `k${(from + i) % 17}`, value: String(from + i) }))
    await producer.send({ topic, acks: -1, messages })
  } finally {
    await producer.disconnect()
  }
}

describe('a three-node KRaft cluster from startKafka', () => {
  it('serves on three loopback ports, every node a broker', async () => {
    expect(cluster.nodeIds).toEqual([1, 2, 3])
    expect(cluster.brokers).toMatch(/^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/)
    const described = await admin.describeCluster()
    expect(described.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3])
    expect([1, 2, 3]).toContain(described.controller)
  })

  it('moves a partition to another leader when its leader is killed, and takes the node back with nothing lost', async () => {
    const topic = 'harness-failover'
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }] })
    await waitFor('the topic fully replicated', async () => (await partitionZero(topic)).isr.length === 3 || undefined, 30_000)
    await produce(topic, 0, 300)

    const leader = (await partitionZero(topic)).leader
    await cluster.stopNode(leader, 'kill')
    const next = await waitFor('a new leader for partition 0', async () => {
      const p = await partitionZero(topic)
      return p.leader >= 0 && p.leader !== leader ? p.leader : undefined
    }, 30_000)
    expect(next).not.toBe(leader)
    await produce(topic, 300, 300)

    await cluster.startNode(leader)
    await waitFor('the restarted node back in sync', async () => (await partitionZero(topic)).isr.length === 3 || undefined, 30_000)
    const values = (await inspect.messages(topic)).map((m) => Number(m.value))
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i))
  })

  it('restarts a node cleanly (SIGTERM, then the same ports and data), and the cluster takes it back', async () => {
    const before = readFileSync(cluster.logFile(2), 'utf8')
    await cluster.restart(2)
    const log = readFileSync(cluster.logFile(2), 'utf8').slice(before.length)
    // A clean shutdown, which a SIGKILL would not have logged (how far the
    // broker got in starting before it was stopped varies with the load, so
    // its state transitions are not asserted), then a start.
    expect(log).toMatch(/Terminating process due to signal SIGTERM[^]*shut down completely[^]*Starting controller/)
    expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3])
    await waitFor('node 2 back in sync', async () => (await partitionZero('harness-failover')).isr.includes(2) || undefined, 30_000)
  })

  it('stops every node and removes its directory', async () => {
    expect(existsSync(cluster.logFile(3))).toBe(true)
    await inspect.close()
    await admin.disconnect()
    await cluster.stop()
    expect(existsSync(cluster.dir)).toBe(false)
    const late = new Kafka({ clientId: 'harness-late', brokers: cluster.brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin()
    await expect(late.connect()).rejects.toThrow(/ECONNREFUSED|Connection error/)
  })
})

describe('without Java on PATH', () => {
  it('says that Java 17 is needed and how to install it', async () => {
    const path = process.env.PATH
    process.env.PATH = '/nonexistent'
    try {
      await expect(requireJava17()).rejects.toThrow(/needs Java 17 or later.*apt-get install openjdk-17/)
    } finally {
      process.env.PATH = path
    }
  })
})
