// Deployed intake: with a Kafka configuration, POST /api/v1/events publishes
// the valid events to their family topics instead of an in-process pipeline,
// answering per event the same way. Kafka here is a real Apache Kafka
// broker (KAFKA_VERSION).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../server/app.ts'
import { KafkaInspector } from './support/kafka-inspect.ts'
import { startKafka, type KafkaCluster } from './support/kafka-real/index.ts'
import { testKafkaConfig, TEST_LIMITS } from './support/kafka-ingest-fixtures.ts'
import { openTempStorage } from './support/temp-storage.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'
import { withToken } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'
import { territory, testConfig, type TempStorage } from './server-harness.ts'

let kafka: KafkaCluster
let inspect: KafkaInspector
let storage: TempStorage
let store: TempStore
let app: FastifyInstance

beforeAll(async () => {
  kafka = await startKafka()
  inspect = await KafkaInspector.connect(kafka.brokers)
  ;[storage, store] = await Promise.all([openTempStorage(), openTempStore()])
  app = await buildApp({ storage, store, config: testConfig(), territory, kafka: {
      config: testKafkaConfig(kafka.brokers, { topicPrefix: 'srv.' }),
      publisher: { limits: TEST_LIMITS, topics: { partitions: 3, replicationFactor: -1 } },
    },
  })
  await app.ready()
})
afterAll(async () => {
  await app?.close()
  await storage?.destroy()
  await store?.destroy()
  await inspect?.close()
  await kafka?.stop()
})

describe('POST /api/v1/events with KAFKA_BROKERS set', () => {
  it('publishes the accepted events to their topics and answers per event', async () => {
    const offered = sampleEvent('call.offered', Date.now(), { call_id: 'K-CALL' })
    const created = sampleEvent('workorder.created', Date.now(), { workorder_id: 'K-WO' })
    const producer = await withToken(app, ['events:write'])
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...producer.headers, 'content-type': 'application/x-ndjson' },
      payload: [JSON.stringify(offered), '{"type":"call.offered"}', JSON.stringify(created)].join('\n'),
    })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ accepted: number; rejected: number; results: Array<{ status: string; event_id?: string; reason?: string }> }>()
    expect(body).toMatchObject({ accepted: 2, rejected: 1 })
    expect(body.results[0]).toEqual({ index: 0, status: 'accepted', event_id: offered.event_id })
    expect(body.results[1].reason).toContain('missing field')
    const keys = async (topic: string) => (await inspect.messages(topic)).map((m) => m.key)
    await expect.poll(() => keys('srv.cc.calls'), { timeout: 5000 }).toEqual(['K-CALL'])
    await expect.poll(() => keys('srv.ops.workorders'), { timeout: 5000 }).toEqual(['K-WO'])
  })
})
