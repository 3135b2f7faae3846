// `npm run ingest`: the deployed ingest, Kafka consumers alone. Reads the
// event topics as one member of the consumer group, stores events through
// the ingest pipeline into ClickHouse (CLICKHOUSE_URL; without it the
// embedded engine under DATA_DIR, for trying the deployed mode on one
// machine) and serves /healthz and /metrics on INGEST_METRICS_PORT.
// SIGTERM or SIGINT: finish the batch in flight, commit it, leave the group, exit 0.
import { loadSlaRules } from '../schemas/sla.ts'
import { loadLogConfig, loadStorageConfig } from '../core/config.ts'
import { loadIngestConfig, loadJournalDir } from '../ingest/config.ts'
import { ConfigError, readInt, readString } from '../core/env.ts'
import { startKafkaIngest, type KafkaIngest } from '../ingest/kafka/consumer.ts'
import { startIngestHttp, type IngestHttp } from '../ingest/kafka/ingest-http.ts'
import { loadKafkaConfig, loadKafkaConsumerSettings, redactedKafkaConfig } from '../core/kafka/kafka-config.ts'
import { createLogger } from '../core/logger.ts'
import { createMetricsRegistry } from '../core/metrics/registry.ts'
import { startOpenOrdersCleanup } from '../ingest/open-orders-cleanup.ts'
import { openPipeline } from '../ingest/open-pipeline.ts'
import { StorageOpenError } from '../core/storage/clickhouse.ts'
import { openMigratedStorage } from '../core/storage/open-migrated.ts'

const env = process.env
const log = createLogger('ingest', loadLogConfig(env))

/** A start that cannot go on for a reason outside this program (Kafka unreachable): one clear line, exit 1. */
class StartError extends Error {
  override name = 'StartError'
}

function loadHttpConfig(): { host: string; port: number } {
  const host = readString(env, 'INGEST_METRICS_HOST', '127.0.0.1')
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError(`INGEST_METRICS_HOST must be a host name or IP address, got '${host}'`)
  return { host, port: readInt(env, 'INGEST_METRICS_PORT', 9464, { min: 0, max: 65_535 }) }
}

async function main(): Promise<void> {
  const kafkaConfig = loadKafkaConfig(env)
  if (kafkaConfig === null) {
    throw new ConfigError(
      'KAFKA_BROKERS is not set. `npm run ingest` runs the Kafka consumers of a deployment (set KAFKA_BROKERS=host:port,...); ' +
        'to run everything on one machine without Kafka, use `npm start`',
    )
  }
  const settings = loadKafkaConsumerSettings(env)
  const storageConfig = loadStorageConfig(env)
  const ingestConfig = loadIngestConfig(env)
  const httpConfig = loadHttpConfig()
  const slaRules = loadSlaRules(readString(env, 'SLA_RULES_FILE'))
  log.info({ kafka: redactedKafkaConfig(kafkaConfig), consumer: settings }, 'ingest: starting')

  const metrics = createMetricsRegistry()
  const storage = await openMigratedStorage(storageConfig, log)
  const pipeline = await openPipeline(storage, { config: ingestConfig, slaRules, logger: log, journalDir: loadJournalDir(env), metrics })
  const cleanup = startOpenOrdersCleanup(storage.client, log)

  let ingest: KafkaIngest | undefined
  let stopping = false
  let http: IngestHttp | undefined

  const stop = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) return
    stopping = true
    log.info(`${reason}: stopping (finishing the batch in flight, committing, leaving the group)`)
    try {
      await ingest?.stop()
    } catch (err) {
      log.error({ err: (err as Error).message }, 'kafka: leaving the group failed; the coordinator will expire this member')
    }
    cleanup.stop()
    const { unstored } = await pipeline.stop(10_000)
    if (unstored > 0) {
      // Not committed, so not lost: the group reads them again.
      log.warn(`${unstored} events were not stored before the stop timeout; their offsets were not committed and Kafka will deliver them again`)
    }
    await http?.close()
    await storage.close()
    log.info('ingest: stopped')
    process.exit(exitCode)
  }

  try {
    http = await startIngestHttp({
      ...httpConfig,
      logger: log,
      health: () => {
        const status = ingest?.status()
        const state = status?.crashed ? 'crashed' : !status?.joined ? 'starting' : status.paused ? 'paused' : 'ok'
        return {
          ok: state === 'ok' || state === 'paused',
          body: {
            status: state,
            kafka: { group: kafkaConfig.groupId, assigned: status?.assigned ?? {}, paused: status?.paused ?? false, error: status?.crashed ?? null },
            ingest: {
              buffered: pipeline.buffered,
              insert_failures_total: pipeline.metrics.insertFailuresTotal,
              newest_stored: pipeline.metrics.newestStored,
            },
          },
        }
      },
      metrics: () => metrics.metrics(),
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`INGEST_METRICS_PORT ${httpConfig.port} is in use on ${httpConfig.host}; set another port`)
    }
    throw err
  }
  log.info({ metrics_url: `${http.url}/metrics`, health_url: `${http.url}/healthz` }, `ingest: metrics at ${http.url}/metrics`)

  process.on('SIGTERM', () => void stop('SIGTERM', 0))
  process.on('SIGINT', () => void stop('SIGINT', 0))

  try {
    ingest = await startKafkaIngest({
      config: kafkaConfig,
      pipeline,
      logger: log,
      settings,
      // Pause before the pipeline's own limit makes submit wait.
      highWaterRows: Math.floor(ingestConfig.maxBufferRows * 0.8),
      onCrash: () => void stop('consumer crashed', 1),
      metrics,
    })
  } catch (err) {
    throw new StartError(`cannot consume from Kafka at ${kafkaConfig.brokers.join(',')}: ${(err as Error).message}`)
  }
}

main().catch((err: unknown) => {
  // Expected problems (bad configuration, a data directory in use, Kafka
  // unreachable) get one clear line; anything else is logged whole.
  if (err instanceof ConfigError || err instanceof StorageOpenError || err instanceof StartError) {
    process.stderr.write(`error: ${err.message}\n`)
  } else {
    log.fatal({ err }, `ingest: start failed: ${(err as Error).message}`)
  }
  process.exit(1)
})
