// The one place a kafkajs client is built from a KafkaConfig, with kafkajs's
// own log lines routed into the process's pino logger (so they are JSON like
// every other line, and the logger's redaction applies to them).
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs'
import type { KafkaConfig } from './kafka-config.ts'

interface LogMethod {
  (obj: object, msg?: string): void
  (msg: string): void
}

/** What the Kafka code logs through: a pino logger, or Fastify's `app.log`. */
export interface KafkaLogger {
  info: LogMethod
  warn: LogMethod
  error: LogMethod
  debug: LogMethod
  child(bindings: Record<string, unknown>): KafkaLogger
}

function logCreator(logger: KafkaLogger) {
  const child = logger.child({ component: 'kafkajs' })
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log
      const text = namespace ? `kafkajs ${namespace}: ${message}` : `kafkajs: ${message}`
      if (level === logLevel.ERROR) child.error(extra, text)
      else if (level === logLevel.WARN) child.warn(extra, text)
      else if (level === logLevel.INFO) child.info(extra, text)
      else child.debug(extra, text)
    }
}

function saslOptions(sasl: NonNullable<KafkaConfig['sasl']>): SASLOptions {
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password }
}

export function createKafkaClient(config: KafkaConfig, logger: KafkaLogger, clientIdSuffix = ''): Kafka {
  return new Kafka({
    clientId: config.clientId + clientIdSuffix,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl ? saslOptions(config.sasl) : undefined,
    connectionTimeout: 5000,
    requestTimeout: 30_000,
    logLevel: logLevel.INFO,
    logCreator: logCreator(logger),
  })
}
