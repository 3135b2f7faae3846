// Where the simulator's lines go. The CLI chooses a sink here and nowhere
// else: stdout (NDJSON), the ingest pipeline into the data directory or
// CLICKHOUSE_URL, or the Kafka topics (KAFKA_BROKERS). The configuration
// comes from the environment the CLI passes. Kafka and storage modules are
// loaded only for the sink that needs them, so `--help` and `--to stdout`
// start at once.
import { once } from 'node:events'
import type { Env } from '../../core/env.ts'
import type { EventSink } from '../../core/intake/event-sink.ts'

export const SINK_TARGETS = ['stdout', 'kafka', 'ingest'] as const
export type SinkTarget = (typeof SINK_TARGETS)[number]

export interface Sink {
  /** Hands lines over; resolves when the destination can take more (backpressure). */
  write(lines: string[]): Promise<void>
  /** Flushes and releases the destination. */
  close(): Promise<void>
  /** Says the simulator's flow is alive (a step taken, with or without events), where the destination tracks it. */
  alive?(): void
}

export interface SinkOptions {
  /** For `stdout`: the stream to write to (default process.stdout). */
  stdout?: NodeJS.WritableStream
}

export async function createSink(to: SinkTarget, env: Env, options: SinkOptions = {}): Promise<Sink> {
  switch (to) {
    case 'stdout':
      return streamSink(options.stdout ?? process.stdout)
    case 'kafka': {
      const { loadKafkaConfig, loadKafkaConsumerSettings } = await import('../../core/kafka/kafka-config.ts')
      const { createKafkaPublisher } = await import('../../core/kafka/publisher.ts')
      const { loadDecodeLimits, loadLogConfig } = await import('../../core/config.ts')
      const { createLogger } = await import('../../core/logger.ts')
      const config = loadKafkaConfig(env)
      if (!config) throw new Error('--to kafka needs KAFKA_BROKERS (e.g. KAFKA_BROKERS=127.0.0.1:9092)')
      const settings = loadKafkaConsumerSettings(env)
      const publisher = await createKafkaPublisher(config, createLogger('simulator', loadLogConfig(env), process.stderr), {
        limits: loadDecodeLimits(env),
        topics: { partitions: settings.topicPartitions, replicationFactor: settings.topicReplicationFactor },
      })
      return eventSink(publisher, true, () => publisher.close())
    }
    case 'ingest': {
      const { loadLogConfig, loadStorageConfig } = await import('../../core/config.ts')
      const { readString } = await import('../../core/env.ts')
      const { createLogger } = await import('../../core/logger.ts')
      const { openMigratedStorage } = await import('../../core/storage/open-migrated.ts')
      const { loadSlaRules } = await import('../../schemas/sla.ts')
      const { loadIngestConfig, loadJournalDir } = await import('../config.ts')
      const { openPipeline } = await import('../open-pipeline.ts')
      const logger = createLogger('simulator', loadLogConfig(env), process.stderr)
      const storage = await openMigratedStorage(loadStorageConfig(env), logger)
      const pipeline = await openPipeline(storage, {
        config: loadIngestConfig(env),
        slaRules: loadSlaRules(readString(env, 'SLA_RULES_FILE')),
        logger,
        journalDir: loadJournalDir(env),
      })
      // The pipeline pauses the simulator itself when its buffer is full, and
      // close() stores the rest, so lines need not wait to be stored one chunk at a time.
      return {
        ...eventSink(pipeline, false, async () => {
          await pipeline.stop()
          await storage.close()
        }),
        alive: () => pipeline.liveness.polled('simulator'),
      }
    }
  }
}

/** Hands lines to an event sink, waiting for Kafka's acknowledgement when asked to. */
function eventSink(target: EventSink, awaitDurable: boolean, close: () => Promise<void>): Sink {
  return {
    async write(lines) {
      const submission = await target.submit(lines.map((input) => ({ input, source: 'simulator' })))
      if (awaitDurable) await submission.durable
    },
    close,
  }
}

/** NDJSON: one event per line. */
function streamSink(out: NodeJS.WritableStream): Sink {
  return {
    async write(lines) {
      if (lines.length === 0) return
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain')
    },
    async close() {},
  }
}
