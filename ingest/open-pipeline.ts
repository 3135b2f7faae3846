// The ingest pipeline as the programs run it: journaled, and with the inserts
// the last stop left half-done completed before any source starts.
import type { SlaRule } from '../schemas/sla.ts'
import type { IngestConfig } from './config.ts'
import { InsertJournal } from './insert-journal.ts'
import { IngestPipeline, type PipelineLogger } from './pipeline.ts'
import type { Registry } from '../core/metrics/registry.ts'
import type { Storage } from '../core/storage/clickhouse.ts'

export interface OpenPipelineOptions {
  config: IngestConfig
  slaRules: SlaRule[]
  logger: PipelineLogger
  /** Where batches wait while being inserted (INGEST_JOURNAL_DIR). */
  journalDir: string
  /** The process's Prometheus registry. */
  metrics?: Registry
}

export async function openPipeline(storage: Storage, opts: OpenPipelineOptions): Promise<IngestPipeline> {
  const journal = await InsertJournal.open(opts.journalDir, storage.describe, opts.logger)
  const pipeline = new IngestPipeline({ client: storage.client, config: opts.config, slaRules: opts.slaRules, logger: opts.logger, journal, metrics: opts.metrics })
  await pipeline.recover()
  return pipeline
}
