// The Kafka publisher, the deployed event sink (POST /api/v1/events with
// KAFKA_BROKERS set, and the simulator's `--to kafka`), against a real
// Apache Kafka broker (KAFKA_VERSION), and the server plugin that holds it.
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKafkaPublisher } from '../core/kafka/publisher.ts'
import kafkaProducer from '../server/plugins/kafka-producer.ts'
import { KafkaInspector } from './support/kafka-inspect.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import { quietLogger, testKafkaConfig, TEST_LIMITS } from './support/kafka-ingest-fixtures.ts'

let kafka: KafkaCluster
let inspect: KafkaInspector
const closing: Array<() => Promise<unknown>> = []

beforeAll(async () => {
  kafka = await startKafka()
  inspect = await KafkaInspector.connect(kafka.brokers)
})

afterAll(async () => {
  for (const close of closing.reverse()) await close()
  await inspect?.close()
  await kafka?.stop()
})

const at = new Date(Date.now() - 60_000).toISOString()
const envelope = (id: string) => ({ event_id: id, occurred_at: at, source: 'test', region: 'R01', schema_version: 1 })
const topics = { partitions: 3, replicationFactor: -1 }

describe('the Kafka publisher', () => {
  it('publishes each valid event to its family topic, keyed by its entity, and is durable once Kafka acknowledged', async () => {
    const publisher = await createKafkaPublisher(testKafkaConfig(kafka.brokers, { topicPrefix: 'a.' }), quietLogger('publisher'), { limits: TEST_LIMITS, topics })
    closing.push(() => publisher.close())
    const offered = { ...envelope('6F1C1F0E-5A43-4A6E-9D7E-2B0C6F1F0A11'), type: 'call.offered', call_id: 'C1', queue: 'general', unknown_field: 1 }
    const submission = await publisher.submit([
      { input: JSON.stringify(offered), source: 'http' },
      { input: { ...envelope('0b8f6c9e-3c1d-4c53-9d0e-6a1b2c3d4e5f'), type: 'agent.state', agent_id: 'A1', team: 'T1', state: 'available' }, source: 'http' },
      { input: new TextEncoder().encode(JSON.stringify({ ...envelope('1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f'), type: 'workorder.created', workorder_id: 'W1', category: 'complaint', priority: 'high', area_class: 'urban' })), source: 'http' },
      { input: { ...envelope('2e3f4051-6a7b-4c8d-9e0f-1a2b3c4d5e6f'), type: 'outage.restored', outage_id: 'O1' }, source: 'http' },
      { input: { ...envelope('3f405162-7b8c-4d9e-8f10-2b3c4d5e6f70'), type: 'survey.result', survey_id: 'S1', ref_type: 'call', ref_id: 'C1', rating: 'satisfied' }, source: 'http' },
    ])
    expect(submission.results.map((r) => r.ok)).toEqual([true, true, true, true, true])
    expect(submission.results[0]).toEqual({ ok: true, event_id: '6f1c1f0e-5a43-4a6e-9d7e-2b0c6f1f0a11', type: 'call.offered' })
    await submission.durable
    // Acknowledged means on the broker already.
    const keys = async (topic: string) => (await inspect.messages(topic)).map((m) => m.key)
    expect(await keys('a.cc.calls')).toEqual(['C1'])
    expect(await keys('a.cc.agents')).toEqual(['A1'])
    expect(await keys('a.ops.workorders')).toEqual(['W1'])
    expect(await keys('a.grid.outages')).toEqual(['O1'])
    expect(await keys('a.cc.surveys')).toEqual(['S1'])
    // The value is the validated event as ingest will read it: normalized id, unknown fields dropped.
    const value = JSON.parse((await inspect.messages('a.cc.calls'))[0].value!) as Record<string, unknown>
    expect(value.event_id).toBe('6f1c1f0e-5a43-4a6e-9d7e-2b0c6f1f0a11')
    expect(value).not.toHaveProperty('unknown_field')
  })

  it('answers refused inputs with their reason, and copies them to the dead-letter topic when one is set', async () => {
    const withDlq = await createKafkaPublisher(testKafkaConfig(kafka.brokers, { topicPrefix: 'b.', dlqTopic: 'b.dead-letters' }), quietLogger('publisher'), { limits: TEST_LIMITS, topics })
    closing.push(() => withDlq.close())
    const valid = { ...envelope('4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d'), type: 'call.offered', call_id: 'C2', queue: 'general' }
    const submission = await withDlq.submit([
      { input: '{"type": "call.offered", oops', source: 'http' },
      { input: { ...envelope('5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e'), type: 'call.offered', queue: 'general' }, source: 'simulator' },
      { input: valid, source: 'http' },
    ])
    expect(submission.results[0]).toMatchObject({ ok: false, code: 'not_json' })
    expect(submission.results[1]).toMatchObject({ ok: false, code: 'invalid' })
    expect((submission.results[1] as { reason: string }).reason).toMatch(/call_id/)
    expect(submission.results[2]).toMatchObject({ ok: true })
    await submission.durable
    expect(await inspect.messages('b.cc.calls')).toHaveLength(1)
    // Dead letters have no entity key, so they spread over the topic's
    // partitions and their order across it is not defined.
    const dead = new Map((await inspect.messages('b.dead-letters')).map((m) => [m.headers.reason_code, m]))
    expect([...dead.keys()].sort()).toEqual(['invalid', 'not_json'])
    expect(dead.get('not_json')!.headers.source).toBe('http')
    expect(dead.get('not_json')!.value).toBe('{"type": "call.offered", oops')
    expect(dead.get('invalid')!.headers.source).toBe('simulator')
    expect(dead.get('invalid')!.headers.reason).toMatch(/call_id/)

    const withoutDlq = await createKafkaPublisher(testKafkaConfig(kafka.brokers, { topicPrefix: 'c.' }), quietLogger('publisher'), { limits: TEST_LIMITS, topics })
    closing.push(() => withoutDlq.close())
    const refusedOnly = await withoutDlq.submit([{ input: 'not json at all', source: 'http' }])
    expect(refusedOnly.results).toEqual([{ ok: false, code: 'not_json', reason: expect.stringMatching(/^not_json: /) as unknown as string }])
    await refusedOnly.durable
    expect(await inspect.messages('c.cc.calls')).toHaveLength(0)
  })

  it('rejects `durable` when Kafka does not acknowledge in time, so the caller can answer that nothing was delivered', async () => {
    const publisher = await createKafkaPublisher(testKafkaConfig(kafka.brokers, { topicPrefix: 'e.' }), quietLogger('publisher'), { limits: TEST_LIMITS, topics, ackTimeoutMs: 1500 })
    // The broker crashes (SIGKILL) after the publisher connected; it is back for the tests after this one.
    await kafka.stopNode(1, 'kill')
    try {
      const submission = await publisher.submit([{ input: { ...envelope('6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f'), type: 'call.offered', call_id: 'C3', queue: 'general' }, source: 'http' }])
      expect(submission.results[0].ok).toBe(true)
      await expect(submission.durable).rejects.toThrow(/Kafka did not acknowledge 1 messages/)
      await publisher.close()
    } finally {
      await kafka.startNode(1)
    }
  })
})

describe('the server plugin kafka-producer', () => {
  it('gives routes app.kafkaPublisher and closes it with the app', async () => {
    const app = Fastify({ logger: false })
    await app.register(kafkaProducer, { config: testKafkaConfig(kafka.brokers, { topicPrefix: 'd.' }), publisher: { limits: TEST_LIMITS, topics } })
    await app.ready()
    const submission = await app.kafkaPublisher.submit([
      { input: { ...envelope('7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a'), type: 'workorder.closed', workorder_id: 'W9' }, source: 'http' },
    ])
    await submission.durable
    expect((await inspect.messages('d.ops.workorders')).map((m) => m.key)).toEqual(['W9'])
    await app.close()
    await expect(app.kafkaPublisher.submit([])).rejects.toThrow(/closed/)
  })

  it('fails registration with a message naming the brokers when Kafka is unreachable', async () => {
    const app = Fastify({ logger: false })
    // Nothing listens on port 1; kafkajs gives up after its connection retries.
    await expect(app.register(kafkaProducer, { config: testKafkaConfig('127.0.0.1:1'), publisher: { limits: TEST_LIMITS, topics } }).ready()).rejects.toThrow(/cannot publish to Kafka at 127\.0\.0\.1:1/)
    await app.close()
  }, 60_000)
})
