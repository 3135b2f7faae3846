/**
 * The in-memory test Kafka broker (tests/support/kafka-broker) driven over
 * real sockets by kafkajs: topics, produce/fetch, consumer groups with
 * rebalancing and committed offsets, and wire-level Fetch semantics.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type Producer,
} from 'kafkajs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from './support/kafka-broker/index.ts'
import { WireClient } from './support/kafkajs-wire-client.ts'

// Small timeouts keep rebalances fast. kafkajs only heartbeats between
// fetches, so maxWaitTimeInMs must stay well below sessionTimeout.
const GROUP_TIMINGS: Omit<ConsumerConfig, 'groupId'> = {
  sessionTimeout: 6000,
  rebalanceTimeout: 3000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 500,
}

// TEST_BROKER_DEBUG=1 prints broker events and kafkajs INFO logs.
const debug = process.env.TEST_BROKER_DEBUG === '1'

let broker: TestBroker
let kafka: Kafka
const cleanups: Array<() => Promise<unknown> | void> = []
let uniqueId = 0
const unique = (prefix: string): string => `${prefix}-${++uniqueId}-${Date.now()}`

beforeAll(async () => {
  broker = await startTestBroker({ port: 0, log: debug ? (line) => console.log(`[broker] ${line}`) : undefined })
  kafka = newKafka('kafka-broker-test')
})

afterEach(async () => {
  // Disconnect clients in reverse order of creation; a failed disconnect must
  // not hide the test result.
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined)
})

afterAll(async () => {
  await broker?.stop()
})

function newKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: [broker.brokers],
    logLevel: debug ? logLevel.INFO : logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 8 },
  })
}

async function connectedAdmin(): Promise<Admin> {
  const admin = kafka.admin()
  await admin.connect()
  cleanups.push(() => admin.disconnect())
  return admin
}

async function connectedProducer(): Promise<Producer> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  cleanups.push(() => producer.disconnect())
  return producer
}

interface Received {
  partition: number
  offset: number
  key: string | null
  value: string
  headers: Record<string, string>
}

/** A subscribed group consumer that records what it receives and its assignment. */
async function startConsumer(
  groupId: string,
  topic: string,
  clientId = 'consumer',
): Promise<{ consumer: Consumer; received: Received[]; assigned: () => number[] }> {
  const consumer = newKafka(clientId).consumer({ groupId, ...GROUP_TIMINGS })
  const received: Received[] = []
  let assignment: number[] = []
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = [...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b)
  })
  await consumer.connect()
  cleanups.push(() => consumer.disconnect())
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value)
      received.push({
        partition,
        offset: Number(message.offset),
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? '',
        headers,
      })
    },
  })
  return { consumer, received, assigned: () => assignment }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Produces `count` messages, spread round-robin over `partitions` explicitly. */
async function produceBatch(producer: Producer, topic: string, tag: string, count: number, partitions: number) {
  const values = Array.from({ length: count }, (_, i) => `${tag}-${i}`)
  await producer.send({
    topic,
    messages: values.map((value, i) => ({ value, partition: i % partitions })),
  })
  return values
}

const committedAll = (groupId: string, topic: string, partitions: number) =>
  Array.from({ length: partitions }, (_, p) => broker.committedOffset(groupId, topic, p) ?? -1)

const highWatermarks = (topic: string, partitions: number) =>
  Array.from({ length: partitions }, (_, p) => broker.messages(topic).filter((m) => m.partition === p).length)

const sortedValues = (received: readonly Received[]) => received.map((r) => r.value).sort()

describe('test Kafka broker with kafkajs', () => {
  it('creates topics, produces keyed messages and reads them back through a group in order', async () => {
    const topic = unique('orders')
    const admin = await connectedAdmin()
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(true)
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(false) // exists
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
    expect(metadata.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2])

    const producer = await connectedProducer()
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `customer-${i % 7}`,
      value: JSON.stringify({ seq: i, note: `ünïcødé ${i}` }),
      headers: { 'trace-id': `trace-${i}`, source: 'test' },
    }))
    await producer.send({ topic, messages: sent.slice(0, 10) })
    await producer.send({ topic, messages: sent.slice(10) })

    const offsets = await admin.fetchTopicOffsets(topic)
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(30)
    expect(offsets.every((p) => p.low === '0')).toBe(true)

    const { received } = await startConsumer(unique('readers'), topic)
    await waitUntil(() => received.length >= 30, '30 messages')
    await sleep(300)
    expect(received).toHaveLength(30)

    // keys, values and headers are intact
    const byValue = new Map(received.map((r) => [r.value, r]))
    for (const message of sent) {
      const got = byValue.get(message.value)
      expect(got?.key).toBe(message.key)
      expect(got?.headers).toEqual(message.headers)
    }
    // every key lives in one partition and keeps its production order
    for (let partition = 0; partition < 3; partition++) {
      const inPartition = received.filter((r) => r.partition === partition)
      expect(inPartition.map((r) => r.offset)).toEqual(inPartition.map((_, i) => i))
      const stored = broker.messages(topic).filter((m) => m.partition === partition)
      expect(inPartition.map((r) => r.value)).toEqual(stored.map((m) => m.value?.toString()))
    }
    for (let k = 0; k < 7; k++) {
      const seqs = received.filter((r) => r.key === `customer-${k}`).map((r) => JSON.parse(r.value).seq)
      expect(new Set(received.filter((r) => r.key === `customer-${k}`).map((r) => r.partition)).size).toBe(1)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    }
  }, 20_000)

  it('splits partitions between two members and hands them all to the survivor on leave', async () => {
    const topic = unique('split')
    const groupId = unique('split-group')
    broker.createTopic(topic, 4)
    const producer = await connectedProducer()

    const a = await startConsumer(groupId, topic, 'member-a')
    await waitUntil(() => a.assigned().length === 4, 'first member to own all partitions')
    const b = await startConsumer(groupId, topic, 'member-b')
    await waitUntil(
      () => a.assigned().length > 0 && b.assigned().length > 0 &&
        [...a.assigned(), ...b.assigned()].sort().join() === '0,1,2,3' &&
        broker.group(groupId)?.state === 'Stable',
      'the two members to split the partitions',
    )
    expect(broker.group(groupId)?.members).toHaveLength(2)

    const first = await produceBatch(producer, topic, 'first', 20, 4)
    await waitUntil(() => a.received.length + b.received.length >= 20, 'first batch')
    expect(a.received.length).toBeGreaterThan(0)
    expect(b.received.length).toBeGreaterThan(0)
    await waitUntil(
      () => committedAll(groupId, topic, 4).join() === highWatermarks(topic, 4).join(),
      'offsets of the first batch to be committed',
    )
    const bPartitions = b.assigned()

    await b.consumer.disconnect() // commits, then LeaveGroup
    await waitUntil(() => a.assigned().length === 4, 'survivor to own all partitions')
    const second = await produceBatch(producer, topic, 'second', 20, 4)
    await waitUntil(() => a.received.length + b.received.length >= 40, 'second batch')
    await sleep(500) // give any duplicate a chance to show up

    expect(sortedValues([...a.received, ...b.received])).toEqual([...first, ...second].sort())
    // the survivor resumed the partitions it took over right after the committed offsets
    const takenOver = a.received.filter((r) => bPartitions.includes(r.partition))
    expect(takenOver.every((r) => r.value.startsWith('second-'))).toBe(true)
    expect(broker.group(groupId)?.members).toHaveLength(1)
  }, 30_000)

  it('rebalances after a member is killed with SIGKILL and its session times out', async () => {
    const topic = unique('killed')
    const groupId = unique('killed-group')
    broker.createTopic(topic, 2)
    const producer = await connectedProducer()
    const survivor = await startConsumer(groupId, topic, 'survivor')
    await waitUntil(() => survivor.assigned().length === 2, 'survivor to own both partitions')

    const fixture = fileURLToPath(new URL('./support/kafka-broker/consumer-process.ts', import.meta.url))
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fixture, broker.brokers, topic, groupId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    cleanups.push(() => void child.kill('SIGKILL'))
    const childEvents: Array<{ type: string; partitions?: number[]; value?: string }> = []
    createInterface({ input: child.stdout! }).on('line', (line) => childEvents.push(JSON.parse(line)))
    const childAssigned = () => childEvents.filter((e) => e.type === 'assigned').at(-1)?.partitions ?? []
    const childValues = () => childEvents.filter((e) => e.type === 'message').map((e) => e.value ?? '')

    await waitUntil(
      () => survivor.assigned().length === 1 && childAssigned().length === 1 && broker.group(groupId)?.state === 'Stable',
      'the child process to take one partition',
      20_000,
    )
    const first = await produceBatch(producer, topic, 'first', 10, 2)
    await waitUntil(() => survivor.received.length + childValues().length >= 10, 'first batch')
    await waitUntil(
      () => committedAll(groupId, topic, 2).join() === highWatermarks(topic, 2).join(),
      'first batch offsets to be committed',
    )

    const killedAt = Date.now()
    child.kill('SIGKILL')
    await once(child, 'exit')
    await sleep(1000)
    expect(broker.group(groupId)?.members).toHaveLength(2) // the session has not expired yet
    await waitUntil(() => survivor.assigned().length === 2, 'survivor to take over after the session timeout', 15_000)
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(5000) // ≈ sessionTimeout

    const second = await produceBatch(producer, topic, 'second', 10, 2)
    await waitUntil(() => survivor.received.length + childValues().length >= 20, 'second batch')
    await sleep(500)
    expect([...survivor.received.map((r) => r.value), ...childValues()].sort()).toEqual([...first, ...second].sort())
  }, 45_000)

  it('resumes after the last committed offset when a consumer restarts', async () => {
    const topic = unique('restart')
    const groupId = unique('restart-group')
    broker.createTopic(topic, 2)
    const producer = await connectedProducer()

    const first = await startConsumer(groupId, topic, 'first-run')
    const before = await produceBatch(producer, topic, 'before', 10, 2)
    await waitUntil(() => first.received.length >= 10, 'first run to read everything')
    await first.consumer.disconnect()
    expect(committedAll(groupId, topic, 2)).toEqual([5, 5])

    const after = await produceBatch(producer, topic, 'after', 6, 2)
    const second = await startConsumer(groupId, topic, 'second-run')
    await waitUntil(() => second.received.length >= 6, 'second run to read the new messages')
    await sleep(500)
    expect(sortedValues(first.received)).toEqual([...before].sort())
    expect(sortedValues(second.received)).toEqual([...after].sort())
    expect(Math.min(...second.received.map((r) => r.offset))).toBe(5)
  }, 20_000)

  it('commits manually resolved offsets from eachBatch with autoCommit off', async () => {
    const topic = unique('batches')
    const groupId = unique('batch-group')
    broker.createTopic(topic, 1)
    const producer = await connectedProducer()
    await produceBatch(producer, topic, 'm', 10, 1)

    // First consumer: handles offsets 0-4 only, resolving and committing each.
    const handled: number[] = []
    const firstConsumer = newKafka('batch-1').consumer({ groupId, ...GROUP_TIMINGS })
    await firstConsumer.connect()
    cleanups.push(() => firstConsumer.disconnect())
    await firstConsumer.subscribe({ topic, fromBeginning: true })
    await firstConsumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // commitOffsetsIfNecessary() without arguments only commits when an
      // interval or threshold is configured, even with autoCommit off.
      autoCommitThreshold: 1,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, pause }) => {
        for (const message of batch.messages) {
          if (Number(message.offset) >= 5) {
            pause()
            return
          }
          handled.push(Number(message.offset))
          resolveOffset(message.offset)
          await commitOffsetsIfNecessary()
        }
      },
    })
    await waitUntil(() => handled.length === 5, 'offsets 0-4 to be handled')
    await waitUntil(() => broker.committedOffset(groupId, topic, 0) === 5, 'commit of offset 5')
    await firstConsumer.disconnect()
    expect(broker.committedOffset(groupId, topic, 0)).toBe(5)

    // Second consumer resumes at 5 and commits the explicit offsets it is given.
    const resumed: number[] = []
    const secondConsumer = newKafka('batch-2').consumer({ groupId, ...GROUP_TIMINGS })
    await secondConsumer.connect()
    cleanups.push(() => secondConsumer.disconnect())
    await secondConsumer.subscribe({ topic, fromBeginning: true })
    await secondConsumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
        for (const message of batch.messages) {
          resumed.push(Number(message.offset))
          resolveOffset(message.offset)
        }
        await commitOffsetsIfNecessary({
          topics: [{ topic, partitions: [{ partition: 0, offset: String(Number(batch.lastOffset()) + 1) }] }],
        })
      },
    })
    await waitUntil(() => broker.committedOffset(groupId, topic, 0) === 10, 'commit of offset 10')
    expect(handled).toEqual([0, 1, 2, 3, 4])
    expect(resumed).toEqual([5, 6, 7, 8, 9])
  }, 20_000)
})

describe('test Kafka broker wire protocol (kafkajs encoders)', () => {
  interface FetchResponse {
    errorCode: number
    responses: Array<{
      topicName: string
      partitions: Array<{
        partition: number
        errorCode: number
        highWatermark: string
        messages: Array<{ offset: string; key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | Buffer[]> }>
      }>
    }>
  }

  const fetchOnce = async (client: WireClient, topic: string, fetchOffset: number, maxWaitTime: number, minBytes = 1) => {
    const started = Date.now()
    const response = await client.request<FetchResponse>('fetch', 11, {
      maxWaitTime,
      minBytes,
      maxBytes: 1024 * 1024,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: String(fetchOffset), maxBytes: 1024 * 1024 }] }],
    })
    return { partition: response.responses[0].partitions[0], elapsed: Date.now() - started }
  }

  it('advertises exactly the implemented API versions', async () => {
    const client = await WireClient.connect('127.0.0.1', broker.port)
    cleanups.push(() => client.close())
    const { errorCode, apiVersions } = await client.request<{
      errorCode: number
      apiVersions: Array<{ apiKey: number; minVersion: number; maxVersion: number }>
    }>('apiVersions', 2, {})
    expect(errorCode).toBe(0)
    expect(apiVersions.map((v) => [v.apiKey, v.maxVersion])).toEqual([
      [0, 7], [1, 11], [2, 3], [3, 6], [8, 5], [9, 4], [10, 2], [11, 5], [12, 3], [13, 3], [14, 3], [18, 2], [19, 3],
    ])
  })

  it('long-polls Fetch until data arrives, max_wait_ms ends or min_bytes is reached', async () => {
    const topic = unique('long-poll')
    broker.createTopic(topic, 1)
    const producer = await connectedProducer()
    await producer.send({ topic, messages: [{ value: 'zero' }] })
    const client = await WireClient.connect('127.0.0.1', broker.port)
    cleanups.push(() => client.close())

    const immediate = await fetchOnce(client, topic, 0, 3000)
    expect(immediate.elapsed).toBeLessThan(500)
    expect(immediate.partition.messages.map((m) => m.value?.toString())).toEqual(['zero'])

    const empty = await fetchOnce(client, topic, 1, 700)
    expect(empty.elapsed).toBeGreaterThanOrEqual(650)
    expect(empty.partition.messages).toEqual([])

    const pending = fetchOnce(client, topic, 1, 5000)
    await sleep(300)
    await producer.send({ topic, messages: [{ value: 'one' }] })
    const woken = await pending
    expect(woken.elapsed).toBeLessThan(2000)
    expect(woken.partition.messages.map((m) => [m.offset, m.value?.toString()])).toEqual([['1', 'one']])

    const minBytes = await fetchOnce(client, topic, 0, 600, 1024 * 1024)
    expect(minBytes.elapsed).toBeGreaterThanOrEqual(550)
    expect(minBytes.partition.messages).toHaveLength(2)

    const outOfRange = await fetchOnce(client, topic, 99, 3000)
    expect(outOfRange.elapsed).toBeLessThan(500)
    expect(outOfRange.partition.errorCode).toBe(1) // OFFSET_OUT_OF_RANGE
    expect(outOfRange.partition.highWatermark).toBe('2')
  }, 15_000)

  it('stores GZIP batches, large values, null keys/values and repeated headers', async () => {
    const topic = unique('gzip')
    broker.createTopic(topic, 1)
    const producer = await connectedProducer()
    const large = 'x'.repeat(300_000)
    await producer.send({
      topic,
      compression: CompressionTypes.GZIP,
      messages: [
        { key: null, value: large, headers: { tag: ['first', 'second'], empty: '' } },
        { key: 'tombstone', value: null },
      ],
    })
    const client = await WireClient.connect('127.0.0.1', broker.port)
    cleanups.push(() => client.close())
    const { partition } = await fetchOnce(client, topic, 0, 1000)
    const [big, tombstone] = partition.messages
    expect(big.key).toBeNull()
    expect(big.value?.toString()).toBe(large)
    expect(big.headers.tag).toEqual([Buffer.from('first'), Buffer.from('second')])
    expect(big.headers.empty).toEqual(Buffer.alloc(0))
    expect(tombstone.key?.toString()).toBe('tombstone')
    expect(tombstone.value).toBeNull()
    expect(broker.messages(topic).map((m) => m.offset)).toEqual([0, 1])
  })

  it('auto-creates topics on Metadata only when the broker and the request allow it', async () => {
    interface MetadataResponse {
      controllerId: number
      brokers: Array<{ nodeId: number; host: string; port: number }>
      topicMetadata: Array<{ topic: string; topicErrorCode: number; partitionMetadata: Array<{ leader: number }> }>
    }
    const strict = await startTestBroker({ port: 0, autoCreateTopics: false })
    cleanups.push(() => strict.stop())
    const auto = await startTestBroker({ port: 0, defaultPartitions: 3 })
    cleanups.push(() => auto.stop())
    const metadata = async (port: number, topics: string[], allowAutoTopicCreation: boolean) => {
      const client = await WireClient.connect('127.0.0.1', port)
      cleanups.push(() => client.close())
      return client.request<MetadataResponse>('metadata', 6, { topics, allowAutoTopicCreation })
    }

    const created = await metadata(auto.port, ['fresh'], true)
    expect(created.controllerId).toBe(0)
    expect(created.brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: auto.port, rack: null }])
    expect(created.topicMetadata[0].partitionMetadata.map((p) => p.leader)).toEqual([0, 0, 0])

    const notAllowed = await metadata(auto.port, ['not-requested'], false)
    expect(notAllowed.topicMetadata[0].topicErrorCode).toBe(3) // UNKNOWN_TOPIC_OR_PARTITION
    const disabled = await metadata(strict.port, ['fresh'], true)
    expect(disabled.topicMetadata[0].topicErrorCode).toBe(3)
    const invalid = await metadata(auto.port, ['bad name!'], true)
    expect(invalid.topicMetadata[0].topicErrorCode).toBe(17) // INVALID_TOPIC_EXCEPTION
    expect((await metadata(auto.port, [], true)).topicMetadata.map((t) => t.topic)).toEqual(['fresh'])
  })

  it('closes the connection on an API version it does not advertise', async () => {
    const client = await WireClient.connect('127.0.0.1', broker.port)
    cleanups.push(() => client.close())
    await expect(client.request('metadata', 0, { topics: [] })).rejects.toThrow('connection closed')
  })
})
