// The Fastify application: REST API under /api/v1, Socket.IO push, probes,
// metrics, OpenAPI docs and the static dashboard, around one KPI tick loop.
// buildApp never listens (tests use app.inject; server-service.ts listens).
// The tick loop starts when the app is ready and stops when it closes.
//
// Ownership: the storage (ClickHouse client), the operational store
// (PostgreSQL), the sink and the ingest metrics belong to the caller, who may
// share them with ingest; closing the app
// closes what the app made (Socket.IO, the tick loop, a Kafka publisher it
// registered) and leaves the caller's to the caller.
import fastifyCookie from '@fastify/cookie'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Env } from '../core/env.ts'
import type { EventSink } from '../core/intake/event-sink.ts'
import type { Storage } from '../core/storage/clickhouse.ts'
import type { Store } from '../core/store/store.ts'
import type { Territory } from '../schemas/territory.ts'
import { createMetricsRegistry, type Registry } from '../core/metrics/registry.ts'
import { alertingServices } from './alerting/alerting-services.ts'
import { AlertingConfigService } from './alerting/config/config-service.ts'
import type { AlertEngine } from './alerting/engine/alert-engine.ts'
import { notificationAttempts } from './alerting/notify/attempts.ts'
import { createNotifier } from './alerting/notify/channels/create-notifier.ts'
import { processChannelDeps } from './alerting/notify/channels/process-deps.ts'
import type { NotificationPipeline } from './alerting/notify/pipeline.ts'
import { startNotificationPipeline } from './alerting/notify/start-pipeline.ts'
import alertRoutes from './routes/alerts.ts'
import callRoutes from './routes/calls.ts'
import silenceRoutes from './routes/silences.ts'
import { BuildId } from './build-id.ts'
import type { ServerConfig } from './config.ts'
import { DisplayRegistry } from './displays/display-registry.ts'
import { SourceHealthReader } from './freshness/source-health.ts'
import { loadKpiDefinitions } from './kpi/kpi-config.ts'
import { KpiEngine } from './kpi/kpi-engine.ts'
import { ServerMetrics } from './metrics/server-metrics.ts'
import { accessServices, type AccessServices } from './auth/access-services.ts'
import { sessionPolicy } from './auth/session-policy.ts'
import accessPlugin from './plugins/access.ts'
import clickhousePlugin from './plugins/clickhouse.ts'
import dashboardStatic from './plugins/dashboard-static.ts'
import errorsPlugin from './plugins/errors.ts'
import openapiPlugin from './plugins/openapi.ts'
import shiftRoutes from './routes/shifts.ts'
import requestLog from './plugins/request-log.ts'
import storePlugin from './plugins/store.ts'
import socketPlugin, { deviceRoom, endSockets, scopeRoom, sessionRoom, tokenRoom, userRoom, watchedRegions } from './plugins/socket.ts'
import { AT_RISK_FRACTION } from './sla/workorder-sla.ts'
import agentRoutes from './routes/agents.ts'
import alertingConfigRoutes from './routes/alerting-config.ts'
import queueRoutes from './routes/queues.ts'
import auditRoutes from './routes/audit.ts'
import authRoutes from './routes/auth.ts'
import deviceRoutes from './routes/devices.ts'
import eventRoutes from './routes/events.ts'
import healthRoutes from './routes/health.ts'
import kpiRoutes from './routes/kpis.ts'
import layoutsRoutes from './routes/layouts.ts'
import metricsRoutes from './routes/metrics.ts'
import outageRoutes from './routes/outages.ts'
import pushSubscriptionRoutes from './routes/push-subscriptions.ts'
import snapshotRoutes from './routes/snapshot.ts'
import territoryRoutes from './routes/territory.ts'
import tokenRoutes from './routes/tokens.ts'
import userRoutes from './routes/users.ts'
import workorderRoutes from './routes/workorders.ts'
import type { KafkaProducerPluginOptions } from './plugins/kafka-producer.ts'
import { TickLoop, type SnapshotComputer } from './tick-loop.ts'
import { WebPushStore } from './alerting/notify/web-push-store.ts'
import supervisionRoutes from './routes/supervisions.ts'
import bulletinRoutes from './routes/bulletins.ts'
import { openBulletins, type Bulletins } from './bulletins/open-bulletins.ts'
import { openSupervision, type Supervision } from './supervision/open-supervision.ts'
import { SupervisionCountsReader } from './supervision/supervision-counts.ts'
import { UnansweredSupervisions } from './supervision/unanswered-supervisions.ts'
import { openHandovers } from './handover/open-handovers.ts'
import type { HandoverService } from './handover/handover-service.ts'
import { openOperationsLog } from './oplog/open-oplog.ts'
import type { OperationsLog } from './oplog/operations-log.ts'
import handoverRoutes from './routes/handovers.ts'
import operationsLogRoutes from './routes/operations-log.ts'

// The wall, the desk and the sign-in page run under this: scripts and styles
// from this server only (ECharts draws on canvas and needs no eval), inline
// style attributes (React and ECharts set them), images as data: URLs (the
// pairing QR code), and sockets to this server; no page may frame them.
// Not upgrade-insecure-requests: a hall's server is often reached over plain
// HTTP on its LAN, where that directive would break every script.
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

export interface BuildAppOptions {
  storage: Storage
  /** The operational store (users, sessions, alerts, the log, …), as `app.store`. */
  store: Store
  config: ServerConfig
  territory: Territory
  /** Where POST /api/v1/events hands events when no Kafka is configured: the in-process ingest pipeline. */
  sink?: EventSink
  /** When set, POST /api/v1/events publishes to Kafka instead of `sink`. */
  kafka?: KafkaProducerPluginOptions | null
  /**
   * The process's Prometheus registry, shared with whatever else runs in the
   * process (the ingest pipeline when embedded); /metrics renders it. A
   * registry of the app's own, with the process metrics, when absent.
   */
  metrics?: Registry
  /** Where the app logs (pino); silent when absent or false. */
  logger?: Logger | false
  now?: () => Date
  /** What computes snapshots; the KPI engine over `storage` unless given. */
  engine?: SnapshotComputer
  /** Where the alerting file's ${VAR} references (robot URLs, secrets) are read; process.env unless given. */
  env?: Env
}

declare module 'fastify' {
  interface FastifyInstance {
    ticks: TickLoop
    /** The rule engine: the alerts and their changes (an AlertFeed for the notification pipeline). */
    alerts: AlertEngine
    displays: DisplayRegistry
    serverMetrics: ServerMetrics
    /** Sessions, API tokens, the audit log and the sign-in throttle (the admin channel uses them too). */
    access: AccessServices
    /** The alerting configuration in force (an AlertingConfigSource): the engine and the notification pipeline read it. */
    alertingConfig: AlertingConfigService
    /** Web Push's VAPID keys and the leads' browser subscriptions (the web_push receivers send with them). */
    webPush: WebPushStore
    /** Supervision orders: the service and its loop (answers in, deadlines checked). */
    supervision: Supervision
    /** The operations log (运行日志): people's entries and the system's own. */
    oplog: OperationsLog
    /** Shift handovers (交接班): drafts, records, confirmations and their reminders. */
    handovers: HandoverService
    /** The daily and weekly bulletins: the service and the scheduler that makes them on time. */
    bulletins: Bulletins
  }
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config, territory } = opts
  const now = opts.now ?? (() => new Date())
  const loggerInstance: FastifyBaseLogger | undefined = opts.logger || undefined
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    // One line per request, at a level that fits it (plugins/request-log.ts), instead of two at info.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.maxBodyBytes,
    // A misspelt filter must be an error, not silently ignored.
    ajv: { customOptions: { removeAdditional: false } },
  })

  const definitions = loadKpiDefinitions(config.kpiConfigFile)
  const kpiEngine = new KpiEngine({
    client: opts.storage.client,
    territory,
    timeZone: config.timeZone,
    definitions,
    atRiskFraction: AT_RISK_FRACTION,
  })
  const metricsRegistry = opts.metrics ?? createMetricsRegistry()
  const metrics = new ServerMetrics(metricsRegistry, () => app.io.of('/').sockets.size)
  const buildId = new BuildId(config.dashboardDist)
  const registry = new DisplayRegistry()
  // A bad ALERTING_FILE stops the start here, naming the line and the field.
  const alertingConfig = await AlertingConfigService.open({
    file: config.alertingFile,
    territory,
    env: opts.env ?? process.env,
    store: opts.store,
    logger: app.log,
    now,
  })
  // Supervision orders nobody answered: the supervision service fills it, the engine alerts on it.
  const unanswered = new UnansweredSupervisions()
  // The handovers are made below, with the audit and operations logs; the engine asks for them only from its first tick on.
  const late: { handovers?: HandoverService } = {}
  const alerting = alertingServices({
    store: opts.store,
    clickhouse: opts.storage.client,
    config: alertingConfig,
    territory,
    definitions,
    kpiEngine,
    displays: registry,
    supervisions: unanswered,
    handovers: (at) => late.handovers?.due(at) ?? [],
    now,
    logger: app.log,
  })
  const regionCodes = territory.regions.map((r) => r.code)

  const sourceHealth = new SourceHealthReader(opts.storage.client, config.staleAfterSeconds * 1000)
  const supervisionCounts = new SupervisionCountsReader(opts.store)
  const ticks = new TickLoop({
    engine: opts.engine ?? kpiEngine,
    definitions,
    tickMs: config.kpiTickMs,
    staleAfterMs: config.staleAfterSeconds * 1000,
    build: () => buildId.current(),
    now,
    logger: app.log,
    metrics,
    // The regions rules compare are computed every tick, watched by a screen or not.
    watchedRegions: () => [...watchedRegions(app.io), ...alerting.engine.regions()],
    publish: (region, delta) => app.io.to(scopeRoom(region)).emit('delta', delta),
    sources: (at) => sourceHealth.read(at),
    supervisions: (at, region) => supervisionCounts.at(at, region),
  })
  ticks.onTick((tick) => alerting.engine.observe(tick))
  alerting.engine.onChange((change) => app.io.emit('alert', { ...change, at: change.at.toISOString() }))
  const policy = sessionPolicy(config)
  const access = accessServices({ store: opts.store, clickhouse: opts.storage.client, policy, publicUrl: config.publicUrl, now, logger: app.log })
  // Whatever ends a session, a token or a right closes exactly its sockets;
  // the screen then finds out why (session:ended) and signs in or pairs again.
  access.sessions.onEnded((ended) => endSockets(app.io, sessionRoom(ended.sessionId), ended.reason))
  access.sessions.onRightsChanged((userId) => endSockets(app.io, userRoom(userId), 'your role changed'))
  access.tokens.onRevoked((tokenId) => endSockets(app.io, tokenRoom(tokenId), 'API token revoked'))
  app.decorate('ticks', ticks)
  app.decorate('alerts', alerting.engine)
  app.decorate('access', access)
  app.decorate('alertingConfig', alertingConfig)
  const webPush = new WebPushStore(opts.store, now)
  app.decorate('webPush', webPush)
  app.decorate('displays', registry)
  app.decorate('serverMetrics', metrics)

  await app.register(requestLog)
  await app.register(errorsPlugin, { maxBodyBytes: config.maxBodyBytes })
  await app.register(fastifyHelmet, { contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY }, frameguard: { action: 'deny' } })
  await app.register(fastifyCookie)
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute' })
  await app.register(accessPlugin, {
    sessions: access.sessions,
    tokens: access.tokens,
    audit: access.audit,
    publicUrl: config.publicUrl,
    allowedOrigins: config.allowedOrigins,
    policy,
  })
  await app.register(clickhousePlugin, { client: opts.storage.client })
  await app.register(storePlugin, { store: opts.store })
  await app.register(openapiPlugin)
  await app.register(socketPlugin, {
    snapshots: ticks,
    alerts: alerting.engine,
    registry,
    regionCodes,
    audit: access.audit,
    publicUrl: config.publicUrl,
  })

  let sink = opts.sink
  if (opts.kafka) {
    // Loaded only when configured: an embedded process never loads kafkajs.
    const { default: kafkaProducer } = await import('./plugins/kafka-producer.ts')
    await app.register(kafkaProducer, opts.kafka)
    sink = app.kafkaPublisher
  }
  if (!sink) throw new Error('buildApp needs a sink (the ingest pipeline) or a Kafka configuration for POST /api/v1/events')

  const api = { prefix: '/api/v1' }
  await app.register(snapshotRoutes, { ...api, snapshots: ticks, regionCodes })
  await app.register(kpiRoutes, { ...api, engine: kpiEngine, definitions, regionCodes, now })
  await app.register(territoryRoutes, { ...api, territory, timeZone: config.timeZone })
  await app.register(workorderRoutes, { ...api, territory, now })
  await app.register(outageRoutes, { ...api, territory, now })
  await app.register(callRoutes, api)
  await app.register(agentRoutes, { ...api, territory, now })
  await app.register(queueRoutes, { ...api, territory, snapshots: ticks })
  await app.register(eventRoutes, { ...api, sink, metrics, maxBodyBytes: config.maxBodyBytes })
  await app.register(layoutsRoutes, { ...api, layoutsDir: config.layoutsDir })
  await app.register(authRoutes, { ...api, services: access })
  await app.register(userRoutes, { ...api, services: access })
  await app.register(deviceRoutes, {
    ...api,
    services: access,
    registry,
    reload: (deviceId) => {
      const room = app.io.to(deviceRoom(deviceId))
      room.emit('display:reload')
      return (app.io.of('/').adapter.rooms.get(deviceRoom(deviceId))?.size ?? 0) > 0
    },
    layoutExists: (name) => existsSync(join(config.layoutsDir, `${name}.json`)),
  })
  await app.register(tokenRoutes, { ...api, services: access })
  await app.register(auditRoutes, { ...api, services: access })
  await app.register(alertingConfigRoutes, { ...api, service: alertingConfig, audit: access.audit, file: config.alertingFile })
  await app.register(alertRoutes, {
    ...api,
    engine: alerting.engine,
    store: opts.store,
    audit: access.audit,
    attempts: { attemptsOf: (id) => notificationAttempts(opts.store, id) },
    silences: alerting.silences,
    entities: (at) => kpiEngine.entitiesAt(at) ?? { workorders: [], outages: [] },
    now,
  })
  await app.register(silenceRoutes, { ...api, silences: alerting.silences, engine: alerting.engine, audit: access.audit, now })
  await app.register(pushSubscriptionRoutes, { ...api, services: access, webPush })
  const supervision = openSupervision({ app, storage: opts.storage, store: opts.store, sink, territory, config: config.supervision, alerts: unanswered, now })
  app.decorate('supervision', supervision)
  await app.register(supervisionRoutes, { ...api, service: supervision.service, territory, now })
  let notifications: NotificationPipeline | null = null
  const bulletins = openBulletins({
    app,
    store: opts.store,
    storage: opts.storage,
    kpiEngine,
    definitions,
    territory,
    config: config.bulletins,
    timeZone: config.timeZone,
    ruleName: (id) => alertingConfig.current().rules.find((r) => r.id === id)?.name ?? id,
    push: (notice) => (notifications ? notifications.notify(notice) : Promise.reject(new Error('the notification pipeline is not running'))),
    now,
    ready: () => {
      const snapshot = ticks.current(null)
      return snapshot !== undefined && snapshot.watermark !== null && snapshot.loading === null
    },
  })
  app.decorate('bulletins', bulletins)
  await app.register(bulletinRoutes, { ...api, service: bulletins.service, territory, font: config.bulletins.font })
  await app.register(shiftRoutes, { ...api, store: opts.store, roster: () => alertingConfig.current().roster ?? null, timeZone: config.timeZone, now })
  const { log: oplog, copy: oplogCopy } = openOperationsLog({ store: opts.store, clickhouse: opts.storage.client, audit: access.audit, io: () => app.io, alerts: alerting.engine, supervision: supervision.service, displays: registry, ticks, now, logger: app.log })
  app.decorate('oplog', oplog)
  await app.register(operationsLogRoutes, { ...api, log: oplog })
  const roster = () => alertingConfig.current().roster ?? null
  const handovers = openHandovers({
    store: opts.store,
    clickhouse: opts.storage.client,
    log: oplog,
    audit: access.audit,
    kpiEngine,
    roster,
    timeZone: config.timeZone,
    remindAfterMinutes: config.handoverRemindAfterMinutes,
    ticks,
    now,
    logger: app.log,
  })
  late.handovers = handovers
  app.decorate('handovers', handovers)
  await app.register(handoverRoutes, { ...api, service: handovers, roster, timeZone: config.timeZone, figures: (lo, hi, at) => kpiEngine.periodFigures(lo, hi, at), now })
  await app.register(healthRoutes, { ticks })
  await app.register(metricsRoutes, { registry: metricsRegistry })
  await app.register(dashboardStatic, { dist: config.dashboardDist })

  app.addHook('onReady', async () => {
    // Alerts held before a restart, and the supervision orders they were about,
    // are read back before the first tick judges anything.
    await unanswered.load(supervision.service.orders)
    await alerting.engine.start()
    ticks.start()
    access.audit.startCopying()
    oplogCopy.start()
    supervision.loop.start()
    // VAPID keys are made on the first start, not on the first push: a lead can subscribe before any alert.
    await webPush.keys()
    // Told of every change of the engine's alerts from now on; the
    // notification log read first, so nothing sent before a restart is sent again.
    const channels = processChannelDeps({ territory, timeZone: config.timeZone, publicUrl: config.publicUrl, webPush, now, env: opts.env ?? process.env })
    notifications = await startNotificationPipeline({
      store: opts.store,
      feed: alerting.engine,
      config: alertingConfig,
      createNotifier: (receiver) => createNotifier(receiver, channels),
      now,
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      logger: app.log,
      pushOf: (usernames) => webPush.subscriptionsOf(usernames),
    })
    alerting.engine.useEscalator(notifications.escalator)
    // Bulletins push through the pipeline: they start once it runs.
    bulletins.start()
  })
  app.addHook('onClose', async () => notifications?.stop())
  app.addHook('preClose', async () => {
    await ticks.stop()
    await alerting.engine.stop()
    await supervision.loop.stop()
    await bulletins.scheduler.stop()
  })
  app.addHook('onClose', async () => access.audit.stop())
  app.addHook('onClose', async () => oplogCopy.stop())
  return app
}
