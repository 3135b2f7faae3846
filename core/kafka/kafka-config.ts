// Kafka settings from the environment. KAFKA_BROKERS switches the deployed
// mode on: without it every process runs embedded and no Kafka client is
// built. Every value is checked at start; a bad one stops the start with a
// ConfigError naming the variable. The SASL password is never echoed, and
// `redactedKafkaConfig` is the only form of the config that goes to logs.
import { ConfigError, readEnum, readInt, readSecret, readString } from '../env.ts'

type Env = Record<string, string | undefined>

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const
export type SaslMechanism = (typeof SASL_MECHANISMS)[number]

export interface KafkaConfig {
  brokers: string[]
  clientId: string
  groupId: string
  topicPrefix: string
  dlqTopic: string | null
  ssl: boolean
  sasl: null | { mechanism: SaslMechanism; username: string; password: string }
}

/** Consumer group timings and topic creation, tunable so tests can rebalance in seconds. */
export interface KafkaConsumerSettings {
  sessionTimeoutMs: number
  heartbeatIntervalMs: number
  rebalanceTimeoutMs: number
  /** Partitions whose batches are handed to the pipeline at the same time. */
  partitionsConsumedConcurrently: number
  /** Partitions of the event topics when the ingest creates them (existing topics are left as they are). */
  topicPartitions: number
  /** Replication factor of created topics; -1 takes the broker's default. */
  topicReplicationFactor: number
}

// A host name, an IPv4 address or a bracketed IPv6 address, then a port.
const BROKER_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/
// Kafka's own rule for topic names: at most 249 of [a-zA-Z0-9._-].
const TOPIC_PATTERN = /^[A-Za-z0-9._-]{1,200}$/

function readBrokers(env: Env): string[] | null {
  const value = readString(env, 'KAFKA_BROKERS')
  if (value === undefined) return null
  const brokers = value.split(',').map((b) => b.trim()).filter((b) => b.length > 0)
  if (brokers.length === 0) throw new ConfigError(`KAFKA_BROKERS must list host:port pairs separated by commas, got '${value}'`)
  for (const broker of brokers) {
    const match = BROKER_PATTERN.exec(broker)
    const port = match ? Number(match[1]) : 0
    if (!match || port < 1 || port > 65_535) {
      throw new ConfigError(`KAFKA_BROKERS entries must be host:port (port 1-65535), such as kafka:9092; got '${broker}'`)
    }
  }
  return brokers
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readString(env, name)
  if (value === undefined) return fallback
  if (/^(true|1|yes)$/i.test(value)) return true
  if (/^(false|0|no)$/i.test(value)) return false
  throw new ConfigError(`${name} must be true or false, got '${value}'`)
}

function readName(env: Env, name: string, fallback: string, pattern: RegExp, expected: string): string {
  const value = readString(env, name, fallback)
  if (value !== '' && !pattern.test(value)) throw new ConfigError(`${name} must be ${expected}, got '${value}'`)
  return value
}

function readSasl(env: Env): KafkaConfig['sasl'] {
  const username = readString(env, 'KAFKA_SASL_USERNAME')
  const password = readSecret(env, 'KAFKA_SASL_PASSWORD')
  if (readString(env, 'KAFKA_SASL_MECHANISM') === undefined) {
    if (username !== undefined || password !== undefined) {
      throw new ConfigError(`KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (${SASL_MECHANISMS.join(', ')})`)
    }
    return null
  }
  const mechanism = readEnum(env, 'KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'plain')
  if (username === undefined) throw new ConfigError('KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME must be set too')
  if (password === undefined) throw new ConfigError('KAFKA_SASL_MECHANISM is set: KAFKA_SASL_PASSWORD must be set too')
  return { mechanism, username, password }
}

/** The Kafka settings, or null when KAFKA_BROKERS is unset (embedded mode). */
export function loadKafkaConfig(env: Env): KafkaConfig | null {
  const brokers = readBrokers(env)
  if (brokers === null) return null
  const clientIdPattern = /^[A-Za-z0-9._-]{1,200}$/
  const dlqTopic = readName(env, 'KAFKA_DLQ_TOPIC', '', TOPIC_PATTERN, 'a topic name of [A-Za-z0-9._-]')
  return {
    brokers,
    clientId: readName(env, 'KAFKA_CLIENT_ID', 'command-center', clientIdPattern, 'a name of [A-Za-z0-9._-]'),
    groupId: readName(env, 'KAFKA_GROUP_ID', 'command-center-ingest', clientIdPattern, 'a name of [A-Za-z0-9._-]'),
    topicPrefix: readName(env, 'KAFKA_TOPIC_PREFIX', '', /^[A-Za-z0-9._-]{1,40}$/, 'up to 40 characters of [A-Za-z0-9._-]'),
    dlqTopic: dlqTopic === '' ? null : dlqTopic,
    ssl: readBoolean(env, 'KAFKA_SSL', false),
    sasl: readSasl(env),
  }
}

export function loadKafkaConsumerSettings(env: Env): KafkaConsumerSettings {
  const sessionTimeoutMs = readInt(env, 'KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 1000, max: 600_000 })
  const heartbeatIntervalMs = readInt(env, 'KAFKA_HEARTBEAT_INTERVAL_MS', 3000, { min: 100, max: 60_000 })
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs) {
    // Kafka's own advice: heartbeats at most a third of the session timeout.
    throw new ConfigError(
      `KAFKA_HEARTBEAT_INTERVAL_MS (${heartbeatIntervalMs}) must be at most a third of KAFKA_SESSION_TIMEOUT_MS (${sessionTimeoutMs})`,
    )
  }
  return {
    sessionTimeoutMs,
    heartbeatIntervalMs,
    rebalanceTimeoutMs: readInt(env, 'KAFKA_REBALANCE_TIMEOUT_MS', 60_000, { min: 1000, max: 600_000 }),
    partitionsConsumedConcurrently: readInt(env, 'KAFKA_PARTITIONS_CONCURRENTLY', 3, { min: 1, max: 64 }),
    topicPartitions: readInt(env, 'KAFKA_TOPIC_PARTITIONS', 6, { min: 1, max: 1000 }),
    topicReplicationFactor: readInt(env, 'KAFKA_TOPIC_REPLICATION_FACTOR', -1, { min: -1, max: 10 }),
  }
}

/** The config as it may be logged: the SASL password replaced. */
export function redactedKafkaConfig(config: KafkaConfig): Omit<KafkaConfig, 'sasl'> & { sasl: null | { mechanism: SaslMechanism; username: string; password: '[redacted]' } } {
  return { ...config, sasl: config.sasl && { mechanism: config.sasl.mechanism, username: config.sasl.username, password: '[redacted]' } }
}
