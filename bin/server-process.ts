// What `npm start` and `npm run server` share: open and migrate storage
// (ClickHouse) and the operational store (PostgreSQL), take events in (the
// in-process ingest pipeline, or Kafka when KAFKA_BROKERS is set and
// allowed), start the server, optionally the simulator, and stop all of it
// in the reverse order. Configuration is read here, from the environment,
// and passed down.
import { loadDecodeLimits, loadLogConfig, loadStorageConfig } from '../core/config.ts'
import type { Env } from '../core/env.ts'
import { loadKafkaConfig, loadKafkaConsumerSettings } from '../core/kafka/kafka-config.ts'
import { createLogger } from '../core/logger.ts'
import { createMetricsRegistry } from '../core/metrics/registry.ts'
import { openMigratedStorage } from '../core/storage/open-migrated.ts'
import { loadStoreConfig, openMigratedStore } from '../core/store/store.ts'
import { loadIngestConfig, loadJournalDir } from '../ingest/config.ts'
import { startOpenOrdersCleanup } from '../ingest/open-orders-cleanup.ts'
import { openPipeline } from '../ingest/open-pipeline.ts'
import { loadSimulatorConfig, startSimulation, type Simulation } from '../ingest/simulation-service.ts'
import { realTeamClock, SimulatedTeams, withSimulatedTeams } from '../ingest/simulator/supervision-teams.ts'
import { loadSlaRules } from '../schemas/sla.ts'
import { DEMO_TERRITORY_FILE, loadTerritory } from '../schemas/territory.ts'
import { adminSocketPath, startAdminChannel } from '../server/admin/admin-channel.ts'
import { issueSetupLink } from '../server/auth/setup-link.ts'
import { loadServerConfig } from '../server/config.ts'
import { startServer } from '../server/server-service.ts'
import { runMain, type Running } from './process-main.ts'

export interface ServerProcessOptions {
  name: string
  /** The embedded all-in-one runs the simulator (SIMULATOR=on by default); the deployed server never does. */
  simulator: boolean
  /** The deployed server publishes intake to Kafka when KAFKA_BROKERS is set; the all-in-one never uses Kafka. */
  kafka: boolean
}

function kafkaTopics(env: Env) {
  const settings = loadKafkaConsumerSettings(env)
  return { partitions: settings.topicPartitions, replicationFactor: settings.topicReplicationFactor }
}

export function runServerProcess(opts: ServerProcessOptions, env: Env = process.env): void {
  const log = createLogger(opts.name, loadLogConfig(env))
  runMain(log, async (): Promise<Running> => {
    const storageConfig = loadStorageConfig(env)
    const storeConfig = loadStoreConfig(env)
    const serverConfig = loadServerConfig(env)
    const kafka = opts.kafka ? loadKafkaConfig(env) : null
    const ingestConfig = kafka ? undefined : loadIngestConfig(env)
    const simulatorConfig = opts.simulator ? loadSimulatorConfig(env) : undefined
    const territory = loadTerritory(serverConfig.territoryFile ?? DEMO_TERRITORY_FILE)
    const slaRules = loadSlaRules(serverConfig.slaRulesFile)

    const metrics = createMetricsRegistry()
    const storage = await openMigratedStorage(storageConfig, log)
    const store = await openMigratedStore(storeConfig, log)
    const pipeline = ingestConfig
      ? await openPipeline(storage, { config: ingestConfig, slaRules, logger: log, journalDir: loadJournalDir(env), metrics })
      : undefined
    // With Kafka, the ingest processes keep the open backlog clean; without, this process ingests.
    const cleanup = pipeline ? startOpenOrdersCleanup(storage.client, log) : undefined
    log.info(kafka ? `event intake: Kafka at ${kafka.brokers.join(', ')}` : 'event intake: in-process ingest pipeline')
    // With the simulator, the teams that supervision orders go to are simulated too.
    const teams =
      simulatorConfig?.enabled && pipeline
        ? new SimulatedTeams(pipeline, simulatorConfig.seed, realTeamClock, (err) => log.error({ err: err.message }, 'simulated teams: could not hand an answer to ingest'))
        : undefined

    const server = await startServer({
      storage,
      store,
      config: serverConfig,
      territory,
      sink: pipeline && teams ? withSimulatedTeams(pipeline, teams) : pipeline,
      kafka: kafka && {
        config: kafka,
        publisher: { limits: loadDecodeLimits(env), topics: kafkaTopics(env) },
      },
      metrics,
      logger: log,
      host: serverConfig.host,
      port: serverConfig.port,
    })
    // What a person types: PUBLIC_URL, else this machine (a wildcard address is not one to open).
    const base = serverConfig.publicUrl?.origin ?? server.url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=:)/, '//localhost')
    // No default account: while nobody can sign in, a one-time link makes the first administrator.
    const setupToken = await issueSetupLink(store, new Date())
    if (setupToken) {
      // The link is a secret: written to the console for the person starting
      // the server, never into the structured log that may be shipped elsewhere.
      log.warn('no users yet: the console shows a one-time link to create the first administrator')
      process.stdout.write(
        `\n  No users yet. Create the first administrator (link valid 24 hours, once):\n\n    ${base}/setup#token=${setupToken}\n\n` +
          `  Then open ${base}/wall on the wall's screen and enter the code it shows at ${base}/admin/displays\n\n`,
      )
    }
    log.info(`open ${base}/login to sign in; a wall's screen opens ${base}/wall (API ${base}/api/v1, docs ${base}/docs)`)
    // The embedded store belongs to this process: `npm run admin` talks to it through this channel.
    const { access } = server.app
    const adminChannel =
      storeConfig.mode === 'embedded'
        ? await startAdminChannel(adminSocketPath(storeConfig.dir), { store, sessions: access.sessions, audit: access.audit, now: () => new Date() }, log)
        : undefined

    let simulation: Simulation | undefined
    if (simulatorConfig?.enabled && pipeline) {
      simulation = await startSimulation({ client: storage.client, territory, sink: pipeline, liveness: pipeline.liveness, config: simulatorConfig, logger: log })
    } else if (opts.simulator) {
      log.info('simulator: off (SIMULATOR=off); events come from POST /api/v1/events and `npm run replay`')
    }

    // SIGHUP reads ALERTING_FILE again (a bad file is logged, the last good one stays); left unhandled it would end the process.
    const reloadAlerting = () => {
      log.info('SIGHUP: reloading the alerting configuration')
      server.app.alertingConfig.reload().catch((err: unknown) => log.error({ err }, 'alerting configuration reload failed'))
    }
    process.on('SIGHUP', reloadAlerting)

    return {
      async stop(signal) {
        process.off('SIGHUP', reloadAlerting)
        log.info(`${signal}: stopping${pipeline ? ' (flushing the batch in flight)' : ''}`)
        await simulation?.stop()
        teams?.stop()
        await adminChannel?.close()
        await server.stop()
        cleanup?.stop()
        const unstored = pipeline ? (await pipeline.stop(30_000)).unstored : 0
        if (unstored > 0) log.error(`${unstored} events could not be stored before the stop timeout`)
        await store.close()
        await storage.close()
        log.info('stopped')
        return unstored > 0 ? 1 : 0
      },
    }
  })
}
