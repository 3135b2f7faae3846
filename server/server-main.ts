// `npm run server`: the server alone, as deployed. Storage is the ClickHouse
// server at CLICKHOUSE_URL (or the embedded engine when unset, to try it on
// one machine); events posted to /api/v1/events go to Kafka when
// KAFKA_BROKERS is set, otherwise to an in-process ingest pipeline.
// SIGINT/SIGTERM stop it cleanly: sockets closed, buffered events stored.
import { loadIngestConfig, loadStorageConfig } from '../ingest/config.ts'
import { ConfigError } from '../ingest/env.ts'
import { loadKafkaConfig } from '../ingest/kafka/kafka-config.ts'
import { createLogger } from '../ingest/logger.ts'
import { startOpenOrdersCleanup } from '../ingest/open-orders-cleanup.ts'
import { openPipeline } from '../ingest/open-pipeline.ts'
import { StorageOpenError } from '../ingest/storage/clickhouse.ts'
import { openMigratedStorage } from '../ingest/storage/open-migrated.ts'
import { loadSlaRules } from '../schemas/sla.ts'
import { DEMO_TERRITORY_FILE, loadTerritory } from '../schemas/territory.ts'
import { loadServerConfig } from './config.ts'
import { startServer } from './server-service.ts'

const log = createLogger('server')

async function main(): Promise<void> {
  const storageConfig = loadStorageConfig()
  const serverConfig = loadServerConfig()
  const kafka = loadKafkaConfig(process.env)
  const ingestConfig = kafka ? undefined : loadIngestConfig()
  const territory = loadTerritory(serverConfig.territoryFile ?? DEMO_TERRITORY_FILE)
  const slaRules = loadSlaRules(process.env.SLA_RULES_FILE)

  const storage = await openMigratedStorage(storageConfig, log)

  const pipeline = ingestConfig
    ? await openPipeline(storage, { config: ingestConfig, slaRules, logger: log })
    : undefined
  // With Kafka, the ingest processes keep the open backlog clean; without, this process ingests.
  const cleanup = pipeline ? startOpenOrdersCleanup(storage.client, log) : undefined
  log.info(kafka ? `event intake: Kafka at ${kafka.brokers.join(', ')}` : 'event intake: in-process ingest pipeline')

  const server = await startServer({
    storage,
    config: serverConfig,
    territory,
    sink: pipeline,
    kafka,
    ingestMetrics: pipeline?.metrics,
    logger: log,
    host: serverConfig.host,
    port: serverConfig.port,
  })
  log.info(`server at ${server.url} (API ${server.url}/api/v1, docs ${server.url}/docs, wall ${server.url}/wall)`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal}: stopping`)
    await server.stop()
    cleanup?.stop()
    const unstored = pipeline ? (await pipeline.stop(30_000)).unstored : 0
    if (unstored > 0) log.error(`${unstored} events could not be stored before the stop timeout`)
    await storage.close()
    log.info('stopped')
    process.exit(unstored > 0 ? 1 : 0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StorageOpenError) {
    process.stderr.write(`error: ${err.message}\n`)
  } else {
    log.fatal({ err }, 'start failed')
  }
  process.exit(1)
})
