// Configuration both ingest and server read: where ClickHouse is, how loud
// the logs are, and the limits every event intake applies. Loaders take the
// environment as an argument: only entry points (bin/, the CLIs) pass
// process.env, and libraries get the resulting objects. Every variable and
// its default is in the README's configuration table.
import { resolve } from 'node:path'
import { readEnum, readInt, readSecret, readString, readUrl, type Env } from './env.ts'

export type StorageConfig =
  | { mode: 'embedded'; dataDir: string; rawTtlDays: number }
  | { mode: 'server'; url: URL; user: string; password: string | undefined; database: string; rawTtlDays: number }

export function loadStorageConfig(env: Env): StorageConfig {
  const rawTtlDays = readInt(env, 'RAW_TTL_DAYS', 90, { min: 1, max: 3650 })
  const url = readUrl(env, 'CLICKHOUSE_URL')
  if (url) {
    return {
      mode: 'server',
      url,
      user: readString(env, 'CLICKHOUSE_USER', 'default'),
      password: readSecret(env, 'CLICKHOUSE_PASSWORD'),
      database: readString(env, 'CLICKHOUSE_DATABASE', 'default'),
      rawTtlDays,
    }
  }
  return { mode: 'embedded', dataDir: resolve(readString(env, 'DATA_DIR', './data')), rawTtlDays }
}

/** What every intake (the pipeline, the Kafka publisher) refuses. */
export interface DecodeLimits {
  /** An event larger than this (bytes of JSON) is dead-lettered. */
  maxEventBytes: number
  /** Accepted distance of occurred_at into the future and into the past. */
  maxFutureSkewMs: number
  maxPastSkewMs: number
}

export function loadDecodeLimits(env: Env): DecodeLimits {
  return {
    maxEventBytes: readInt(env, 'INGEST_MAX_EVENT_BYTES', 1_048_576, { min: 1024, max: 16_777_216 }),
    maxFutureSkewMs: readInt(env, 'MAX_FUTURE_SKEW_SECONDS', 300, { min: 0, max: 86_400 }) * 1000,
    maxPastSkewMs: readInt(env, 'MAX_PAST_SKEW_DAYS', 30, { min: 1, max: 3650 }) * 86_400_000,
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

export interface LogConfig {
  level: LogLevel
  /** auto: readable lines on a terminal, JSON otherwise. */
  format: LogFormat
}

export function loadLogConfig(env: Env): LogConfig {
  return { level: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'), format: readEnum(env, 'LOG_FORMAT', LOG_FORMATS, 'auto') }
}
