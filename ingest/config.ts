// Configuration of storage and of the ingest pipeline, from the environment.
// Every variable and its default is listed in the README's configuration table.
import { join, resolve } from 'node:path'
import { readEnum, readInt, readSecret, readString, readUrl } from './env.ts'

type Env = Record<string, string | undefined>

export type StorageConfig =
  | { mode: 'embedded'; dataDir: string; rawTtlDays: number }
  | { mode: 'server'; url: URL; user: string; password: string | undefined; database: string; rawTtlDays: number }

export function loadStorageConfig(env: Env = process.env): StorageConfig {
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

export interface IngestConfig {
  /** A batch is inserted when it holds this many events... */
  batchRows: number
  /** ...or when its oldest event has waited this long. */
  batchMs: number
  /** Events buffered before sources are paused (backpressure, never dropping). */
  maxBufferRows: number
  /** An event larger than this (bytes of JSON) is dead-lettered. */
  maxEventBytes: number
  /** Accepted distance of occurred_at into the future and into the past. */
  maxFutureSkewMs: number
  maxPastSkewMs: number
  /** Insert retries back off from this delay up to maxRetryDelayMs. */
  retryDelayMs: number
  maxRetryDelayMs: number
}

export function loadIngestConfig(env: Env = process.env): IngestConfig {
  return {
    batchRows: readInt(env, 'INGEST_BATCH_ROWS', 20_000, { min: 1, max: 1_000_000 }),
    batchMs: readInt(env, 'INGEST_BATCH_MS', 500, { min: 10, max: 60_000 }),
    maxBufferRows: readInt(env, 'INGEST_MAX_BUFFER_ROWS', 200_000, { min: 100, max: 10_000_000 }),
    maxEventBytes: readInt(env, 'INGEST_MAX_EVENT_BYTES', 1_048_576, { min: 1024, max: 16_777_216 }),
    maxFutureSkewMs: readInt(env, 'MAX_FUTURE_SKEW_SECONDS', 300, { min: 0, max: 86_400 }) * 1000,
    maxPastSkewMs: readInt(env, 'MAX_PAST_SKEW_DAYS', 30, { min: 1, max: 3650 }) * 86_400_000,
    retryDelayMs: 200,
    maxRetryDelayMs: readInt(env, 'INGEST_MAX_RETRY_DELAY_MS', 10_000, { min: 100, max: 300_000 }),
  }
}

/**
 * Where the pipeline keeps batches while they are being inserted (see
 * insert-journal.ts). Beside the data by default; a deployed ingest process
 * should keep it on a volume, so a restarted container finds it again.
 */
export function loadJournalDir(env: Env = process.env): string {
  return resolve(readString(env, 'INGEST_JOURNAL_DIR', join(readString(env, 'DATA_DIR', './data'), 'ingest-journal')))
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export function loadLogLevel(env: Env = process.env): (typeof LOG_LEVELS)[number] {
  return readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info')
}
