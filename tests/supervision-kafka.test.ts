// A supervision order's loop over the wire, as deployed: the server publishes
// supervision.issued to a real Apache Kafka (topic ops.supervision, keyed by
// the order), a stand-in for the team's system consumes it there and produces
// supervision.received and .replied back to the same topic, the ingest's
// Kafka consumer stores them in ClickHouse, and the server applies them from
// the inbox: replied, then closed accepted. Then the ingest restarts and the
// team's system delivers its reply again: applied and counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs'
import type { FastifyInstance } from 'fastify'
import type { Storage } from '../core/storage/clickhouse.ts'
import { startKafkaIngest, type KafkaIngest } from '../ingest/kafka/consumer.ts'
import { buildApp } from '../server/app.ts'
import { territory, testConfig } from './server-harness.ts'
import { signedIn, type PersonCaller } from './support/access.ts'
import { FAST_GROUP, freshDataDir, openTestStorage, quietLogger, testKafkaConfig, testPipeline, TEST_LIMITS, waitFor } from './support/kafka-ingest-fixtures.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const TOPIC = 'sv.ops.supervision'
let kafka: KafkaCluster
let storage: Storage
let store: TempStore
let ingest: KafkaIngest
let app: FastifyInstance
let officer: PersonCaller
let team: { consumer: Consumer; producer: Producer; seen: Array<{ type: string; key: string }>; replies: Map<string, string> }
const config = () => testKafkaConfig(kafka.brokers, { groupId: 'sv-ingest', topicPrefix: 'sv.' })
const startIngest = () => startKafkaIngest({ config: config(), pipeline: testPipeline(storage.client, 'sv'), logger: quietLogger('sv'), settings: FAST_GROUP })

/** The team's system: signs for every order it is sent and answers it at once. */
async function startTeam(brokers: string): Promise<typeof team> {
  const client = new Kafka({ clientId: 'team-system', brokers: brokers.split(','), logLevel: logLevel.NOTHING })
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  const consumer = client.consumer({ groupId: 'team-system', sessionTimeout: FAST_GROUP.sessionTimeoutMs, heartbeatInterval: FAST_GROUP.heartbeatIntervalMs })
  await Promise.all([producer.connect(), consumer.connect()])
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
  const seen: Array<{ type: string; key: string }> = []
  const replies = new Map<string, string>()
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString()) as { type: string; supervision_id: string; region: string }
      seen.push({ type: event.type, key: message.key!.toString() })
      if (event.type !== 'supervision.issued') return
      const now = Date.now()
      const answer = (type: string, at: number, fields: object) => ({
        event_id: randomUUID(), type, occurred_at: new Date(at).toISOString(), source: 'team-system', region: event.region, schema_version: 1, supervision_id: event.supervision_id, ...fields,
      })
      const received = answer('supervision.received', now - 1, { by: 'crew lead Zhao' })
      const replied = answer('supervision.replied', now, { reply: 'crew on site, fixed', by: 'crew lead Zhao' })
      replies.set(event.supervision_id, JSON.stringify(replied))
      await producer.send({ topic: TOPIC, acks: -1, messages: [received, replied].map((e) => ({ key: event.supervision_id, value: JSON.stringify(e) })) })
    },
  })
  return { consumer, producer, seen, replies }
}

beforeAll(async () => {
  kafka = await startKafka()
  ;[storage, store] = await Promise.all([openTestStorage(freshDataDir()), openTempStore()])
  ingest = await startIngest()
  app = await buildApp({
    storage,
    store,
    config: testConfig({ SUPERVISION_CHECK_MS: '200' }),
    territory,
    kafka: { config: config(), publisher: { limits: TEST_LIMITS, topics: { partitions: FAST_GROUP.topicPartitions, replicationFactor: -1 } } },
  })
  await app.ready()
  officer = await signedIn(app, 'officer')
  team = await startTeam(kafka.brokers)
}, 180_000)

afterAll(async () => {
  await team?.consumer.disconnect()
  await team?.producer.disconnect()
  await app?.close()
  await ingest?.stop()
  await storage?.close()
  await store?.destroy()
  await kafka?.stop()
})

const get = async (id: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/supervisions/${id}`, headers: officer.headers })).json<{ supervision: { state: string }; history: Array<{ step: string }> }>()

describe('a supervision order over Apache Kafka', () => {
  let id: string

  it('goes out on ops.supervision and comes back received and replied through the ingest consumer', async () => {
    const at = new Date(Date.now() - 60_000).toISOString()
    const wo = (type: string, fields: object) => ({ event_id: randomUUID(), type, occurred_at: at, source: 'test', region: territory.regions[0].code, schema_version: 1, workorder_id: 'W-K1', ...fields })
    const submission = await app.kafkaPublisher.submit([
      { input: wo('workorder.created', { category: 'complaint', priority: 'high', area_class: 'urban' }), source: 'test' },
      { input: wo('workorder.dispatched', { team: 'field-north' }), source: 'test' },
    ])
    expect(submission.results.every((r) => r.ok)).toBe(true)
    await waitFor('the work order stored', async () => {
      const result = await storage.client.query({ query: "SELECT team FROM workorders FINAL WHERE workorder_id = 'W-K1'", format: 'JSONEachRow' })
      const [row] = await result.json<{ team: string }>()
      return row?.team === 'field-north' || undefined
    })

    const res = await app.inject({ method: 'POST', url: '/api/v1/supervisions', headers: officer.headers, payload: { target_type: 'workorder', target_id: 'W-K1', reason: 'repeat complaint', action: 'call the customer' } })
    expect(res.statusCode).toBe(201)
    const order = res.json<{ id: string; team: string; due_at: string; issued_at: string }>()
    id = order.id
    // A complaint's order is due in an hour, to the team it was dispatched to.
    expect(order.team).toBe('field-north')
    expect(Date.parse(order.due_at) - Date.parse(order.issued_at)).toBe(60 * 60_000)

    const replied = await waitFor('the order replied', async () => {
      const d = await get(id)
      return d.supervision.state === 'replied' ? d : undefined
    }, 60_000, 200)
    expect(replied.history.map((h) => h.step)).toEqual(['issued', 'received', 'replied'])
    expect(team.seen.filter((m) => m.type === 'supervision.issued')).toEqual([{ type: 'supervision.issued', key: id }])
  })

  it('is closed accepted, and the team sees it closed on the same topic', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/supervisions/${id}/close`, headers: officer.headers, payload: { outcome: 'accepted' } })
    expect(res.json()).toMatchObject({ state: 'closed', outcome: 'accepted' })
    await waitFor('the team to see it closed', () => team.seen.some((m) => m.type === 'supervision.closed' && m.key === id) || undefined)
  })

  it('applies and counts the reply once when it is delivered again after an ingest restart', async () => {
    await ingest.stop()
    ingest = await startIngest()
    // The reply again, then a marker behind it in its partition (same key): once the marker is stored, the reply has been through ingest.
    const marker = { event_id: randomUUID(), type: 'supervision.received', occurred_at: new Date().toISOString(), source: 'team-system', region: territory.regions[0].code, schema_version: 1, supervision_id: 'SV-unknown' }
    await team.producer.send({ topic: TOPIC, acks: -1, messages: [{ key: id, value: team.replies.get(id)! }, { key: id, value: JSON.stringify(marker) }] })
    await waitFor('the marker stored', async () => {
      const result = await storage.client.query({ query: "SELECT count() AS n FROM events WHERE supervision_id = 'SV-unknown'", format: 'JSONEachRow' })
      const [row] = await result.json<{ n: string | number }>()
      return Number(row.n) === 1 || undefined
    }, 60_000)
    await app.supervision.loop.pass()
    expect((await get(id)).history.map((h) => h.step)).toEqual(['issued', 'received', 'replied', 'closed'])
    const result = await storage.client.query({
      query: "SELECT count() AS n FROM events WHERE supervision_id = {id:String} AND type = 'supervision.replied'",
      query_params: { id },
      format: 'JSONEachRow',
    })
    const [replies] = await result.json<{ n: string | number }>()
    expect(Number(replies.n)).toBe(1)
    const kpi = await storage.client.query({ query: 'SELECT toUInt32(sum(due)) AS due, toUInt32(sum(on_time)) AS on_time FROM kpi_supervision_1m', format: 'JSONEachRow' })
    expect(await kpi.json()).toEqual([{ due: 1, on_time: 1 }])
  })
})
