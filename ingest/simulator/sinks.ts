// Where the simulator's lines go. The CLI chooses a sink here and nowhere
// else: stdout (NDJSON), the ingest pipeline into the data directory or
// CLICKHOUSE_URL, or the Kafka topics (KAFKA_BROKERS).
import { once } from 'node:events'
import { loadSlaRules } from '../../schemas/sla.ts'
import { loadIngestConfig, loadStorageConfig } from '../config.ts'
import type { EventSink } from '../event-sink.ts'
import { loadKafkaConfig } from '../kafka/kafka-config.ts'
import { createKafkaPublisher } from '../kafka/publisher.ts'
import { createLogger } from '../logger.ts'
import { openPipeline } from '../open-pipeline.ts'
import { openStorage } from '../storage/clickhouse.ts'
import { migrate } from '../storage/migrate.ts'

export const SINK_TARGETS = ['stdout', 'kafka', 'ingest'] as const
export type SinkTarget = (typeof SINK_TARGETS)[number]

export interface Sink {
  /** Hands lines over; resolves when the destination can take more (backpressure). */
  write(lines: string[]): Promise<void>
  /** Flushes and releases the destination. */
  close(): Promise<void>
}

export interface SinkOptions {
  /** For `stdout`: the stream to write to (default process.stdout). */
  stdout?: NodeJS.WritableStream
}

export async function createSink(to: SinkTarget, options: SinkOptions = {}): Promise<Sink> {
  switch (to) {
    case 'stdout':
      return streamSink(options.stdout ?? process.stdout)
    case 'kafka': {
      const config = loadKafkaConfig(process.env)
      if (!config) throw new Error('--to kafka needs KAFKA_BROKERS (e.g. KAFKA_BROKERS=127.0.0.1:9092)')
      const publisher = await createKafkaPublisher(config, createLogger('simulator'))
      return eventSink(publisher, true, () => publisher.close())
    }
    case 'ingest': {
      const storage = await openStorage(loadStorageConfig())
      await migrate(storage.client)
      const pipeline = await openPipeline(storage, {
        config: loadIngestConfig(),
        slaRules: loadSlaRules(process.env.SLA_RULES_FILE),
        logger: createLogger('simulator'),
      })
      // The pipeline pauses the simulator itself when its buffer is full, and
      // close() stores the rest, so lines need not wait to be stored one chunk at a time.
      return eventSink(pipeline, false, async () => {
        await pipeline.stop()
        await storage.close()
      })
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
