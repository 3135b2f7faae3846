// Configuration of the ingest pipeline, from the environment the entry point
// passes. Every variable and its default is in the README's configuration table.
import { join, resolve } from 'node:path'
import { loadDecodeLimits, type DecodeLimits } from '../core/config.ts'
import { readInt, readString, type Env } from '../core/env.ts'

export interface IngestConfig extends DecodeLimits {
  /** A batch is inserted when it holds this many events... */
  batchRows: number
  /** ...or when its oldest event has waited this long. */
  batchMs: number
  /** Events buffered before sources are paused (backpressure, never dropping). */
  maxBufferRows: number
  /** Insert retries back off from this delay up to maxRetryDelayMs. */
  retryDelayMs: number
  maxRetryDelayMs: number
}

export function loadIngestConfig(env: Env): IngestConfig {
  return {
    ...loadDecodeLimits(env),
    batchRows: readInt(env, 'INGEST_BATCH_ROWS', 20_000, { min: 1, max: 1_000_000 }),
    batchMs: readInt(env, 'INGEST_BATCH_MS', 500, { min: 10, max: 60_000 }),
    maxBufferRows: readInt(env, 'INGEST_MAX_BUFFER_ROWS', 200_000, { min: 100, max: 10_000_000 }),
    retryDelayMs: 200,
    maxRetryDelayMs: readInt(env, 'INGEST_MAX_RETRY_DELAY_MS', 10_000, { min: 100, max: 300_000 }),
  }
}

/**
 * Where the pipeline keeps batches while they are being inserted (see
 * insert-journal.ts). Beside the data by default; a deployed ingest process
 * should keep it on a volume, so a restarted container finds it again.
 */
export function loadJournalDir(env: Env): string {
  return resolve(readString(env, 'INGEST_JOURNAL_DIR', join(readString(env, 'DATA_DIR', './data'), 'ingest-journal')))
}
