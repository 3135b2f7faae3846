// `npm start`: the embedded all-in-one. One process hosts the embedded
// ClickHouse (chDB binds one data directory per process), the ingest
// pipeline, the simulator and the server, composed from the same start/stop
// modules that run separately when deployed (`npm run ingest`, `npm run server`).
import { loadTerritory, DEMO_TERRITORY_FILE } from '../schemas/territory.ts'
import { loadSlaRules } from '../schemas/sla.ts'
import { loadIngestConfig, loadStorageConfig } from '../ingest/config.ts'
import { ConfigError } from '../ingest/env.ts'
import { createLogger } from '../ingest/logger.ts'
import { startOpenOrdersCleanup } from '../ingest/open-orders-cleanup.ts'
import { openPipeline } from '../ingest/open-pipeline.ts'
import { StorageOpenError } from '../ingest/storage/clickhouse.ts'
import { openMigratedStorage } from '../ingest/storage/open-migrated.ts'
import { loadSimulatorConfig, startSimulation, type Simulation } from '../ingest/simulation-service.ts'
import { loadServerConfig } from './config.ts'
import { startServer } from './server-service.ts'

const log = createLogger('command-center')

async function main(): Promise<void> {
  const storageConfig = loadStorageConfig()
  const ingestConfig = loadIngestConfig()
  const serverConfig = loadServerConfig()
  const simulatorConfig = loadSimulatorConfig()
  const territory = loadTerritory(process.env.TERRITORY_FILE || DEMO_TERRITORY_FILE)
  const slaRules = loadSlaRules(process.env.SLA_RULES_FILE)

  const storage = await openMigratedStorage(storageConfig, log)

  const pipeline = await openPipeline(storage, { config: ingestConfig, slaRules, logger: log })
  const cleanup = startOpenOrdersCleanup(storage.client, log)
  const server = await startServer({
    storage,
    config: serverConfig,
    territory,
    sink: pipeline,
    ingestMetrics: pipeline.metrics,
    logger: log,
    host: serverConfig.host,
    port: serverConfig.port,
  })
  log.info(`command center at ${server.url}/wall (API ${server.url}/api/v1, docs ${server.url}/docs)`)

  let simulation: Simulation | undefined
  if (simulatorConfig.enabled) {
    simulation = await startSimulation({ client: storage.client, territory, sink: pipeline, config: simulatorConfig, logger: log })
  } else {
    log.info('simulator: off (SIMULATOR=off); events come from POST /api/v1/events and `npm run replay`')
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal}: stopping (flushing the batch in flight)`)
    await simulation?.stop()
    await server.stop()
    cleanup.stop()
    const { unstored } = await pipeline.stop(30_000)
    if (unstored > 0) log.error(`${unstored} events could not be stored before the stop timeout`)
    await storage.close()
    log.info('stopped')
    process.exit(unstored > 0 ? 1 : 0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err: unknown) => {
  // Expected problems (bad configuration, a data directory in use) get one
  // clear line; anything else is logged whole.
  if (err instanceof ConfigError || err instanceof StorageOpenError) {
    process.stderr.write(`error: ${err.message}\n`)
  } else {
    log.fatal({ err }, 'start failed')
  }
  process.exit(1)
})
