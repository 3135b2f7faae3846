// Kafka settings from the environment: what a deployment writes in its
// compose file or unit, and the messages it gets when a value is wrong.
import { describe, expect, it } from 'vitest'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { ConfigError } from '../core/env.ts'
import { loadKafkaConfig, loadKafkaConsumerSettings, redactedKafkaConfig } from '../core/kafka/kafka-config.ts'
import { eventTopics, keyOf, topicOf } from '../core/kafka/topics.ts'
import { REDACTED_PATHS } from '../core/logger.ts'
import type { DomainEvent } from '../schemas/events.ts'

function configError(env: Record<string, string>): string {
  try {
    loadKafkaConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`)
}

describe('loadKafkaConfig', () => {
  it('is null without KAFKA_BROKERS: the process runs embedded', () => {
    expect(loadKafkaConfig({})).toBeNull()
    expect(loadKafkaConfig({ KAFKA_BROKERS: '  ' })).toBeNull()
  })

  it('reads a broker list with documented defaults for everything else', () => {
    expect(loadKafkaConfig({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092,10.0.0.7:19092,[::1]:9092' })).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092', '10.0.0.7:19092', '[::1]:9092'],
      clientId: 'command-center',
      groupId: 'command-center-ingest',
      topicPrefix: '',
      dlqTopic: null,
      ssl: false,
      sasl: null,
    })
  })

  it('reads the optional settings', () => {
    const config = loadKafkaConfig({
      KAFKA_BROKERS: 'kafka:9093',
      KAFKA_CLIENT_ID: 'cc-prod',
      KAFKA_GROUP_ID: 'cc-ingest-prod',
      KAFKA_TOPIC_PREFIX: 'prod.',
      KAFKA_DLQ_TOPIC: 'prod.cc.dead-letters',
      KAFKA_SSL: 'TRUE',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: 's3cret value',
    })
    expect(config).toEqual({
      brokers: ['kafka:9093'],
      clientId: 'cc-prod',
      groupId: 'cc-ingest-prod',
      topicPrefix: 'prod.',
      dlqTopic: 'prod.cc.dead-letters',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'ingest', password: 's3cret value' },
    })
    expect(eventTopics(config!.topicPrefix)).toEqual(['prod.cc.calls', 'prod.cc.agents', 'prod.cc.surveys', 'prod.grid.outages', 'prod.ops.workorders', 'prod.ops.supervision'])
  })

  it('refuses malformed broker lists, naming the variable and the bad entry', () => {
    for (const bad of ['kafka', 'kafka:0', 'kafka:70000', 'http://kafka:9092', 'kafka:9092,,broken', 'ka fka:9092']) {
      expect(configError({ KAFKA_BROKERS: bad })).toMatch(/^KAFKA_BROKERS /)
    }
    expect(configError({ KAFKA_BROKERS: 'kafka:9092,kafka2' })).toContain("'kafka2'")
  })

  it('refuses bad switches, names and incomplete SASL settings', () => {
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_SSL: 'maybe' })).toBe("KAFKA_SSL must be true or false, got 'maybe'")
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_DLQ_TOPIC: 'dead letters' })).toMatch(/^KAFKA_DLQ_TOPIC /)
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_GROUP_ID: 'a/b' })).toMatch(/^KAFKA_GROUP_ID /)
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'x' })).toMatch(/KAFKA_SASL_USERNAME must be set/)
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toMatch(/KAFKA_SASL_PASSWORD must be set/)
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'x' })).toMatch(/need KAFKA_SASL_MECHANISM/)
    expect(configError({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'x' })).toMatch(
      /KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
    )
  })

  it('never puts the SASL password in an error message or a log line', () => {
    const password = 'pa55-never-shown'
    const message = configError({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'kerberos', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: password })
    expect(message).not.toContain(password)

    const config = loadKafkaConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'ingest', KAFKA_SASL_PASSWORD: password })!
    expect(JSON.stringify(redactedKafkaConfig(config))).not.toContain(password)
    expect(redactedKafkaConfig(config).sasl).toEqual({ mechanism: 'plain', username: 'ingest', password: '[redacted]' })

    // The process logger censors it even when a raw config is logged by mistake.
    let written = ''
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString()
        done()
      },
    })
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink)
    logger.info({ kafka: config }, 'raw')
    logger.info({ kafka: redactedKafkaConfig(config) }, 'redacted')
    expect(written).toContain('k:1')
    expect(written).not.toContain(password)
  })
})

describe('loadKafkaConsumerSettings', () => {
  it('has defaults for a production group and accepts fast test timings', () => {
    expect(loadKafkaConsumerSettings({})).toEqual({
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3000,
      rebalanceTimeoutMs: 60_000,
      partitionsConsumedConcurrently: 3,
      topicPartitions: 6,
      topicReplicationFactor: -1,
    })
    expect(loadKafkaConsumerSettings({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500' })).toMatchObject({
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
    })
  })

  it('refuses heartbeats too slow for the session timeout', () => {
    expect(() => loadKafkaConsumerSettings({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' })).toThrow(
      /KAFKA_HEARTBEAT_INTERVAL_MS \(3000\) must be at most a third of KAFKA_SESSION_TIMEOUT_MS \(6000\)/,
    )
  })
})

describe('topics and keys', () => {
  const envelope = { event_id: '6f1c1f0e-5a43-4a6e-9d7e-2b0c6f1f0a11', occurred_at: '2026-01-05T08:00:00.000Z', source: 'test', region: 'R01', schema_version: 1 as const }
  it('sends each family to its topic, keyed by the entity it is about', () => {
    const cases: Array<[DomainEvent, string, string]> = [
      [{ ...envelope, type: 'call.offered', call_id: 'C1', queue: 'q' }, 'cc.calls', 'C1'],
      [{ ...envelope, type: 'agent.state', agent_id: 'A7', team: 't', state: 'available' }, 'cc.agents', 'A7'],
      [{ ...envelope, type: 'survey.result', survey_id: 'S3', ref_type: 'call', ref_id: 'C1', rating: 'satisfied' }, 'cc.surveys', 'S3'],
      [{ ...envelope, type: 'outage.restored', outage_id: 'O9' }, 'grid.outages', 'O9'],
      [{ ...envelope, type: 'workorder.closed', workorder_id: 'W4' }, 'ops.workorders', 'W4'],
    ]
    for (const [event, topic, key] of cases) {
      expect(topicOf(event, '')).toBe(topic)
      expect(topicOf(event, 'test.')).toBe(`test.${topic}`)
      expect(keyOf(event)).toBe(key)
    }
  })
})
