// Puts the bulletins' parts together for the app: the service over the
// operational store, ClickHouse and the KPI engine, and the scheduler that
// makes them on time. Started once the notification pipeline runs (the push
// goes through it); a missing PDF font is said once at start.
import type { FastifyInstance } from 'fastify'
import type { Storage } from '../../core/storage/clickhouse.ts'
import type { Store } from '../../core/store/store.ts'
import type { KpiDefinition, KpiId } from '../../schemas/kpis.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { Notice } from '../alerting/notify/notifier.ts'
import type { KpiEngine } from '../kpi/kpi-engine.ts'
import type { BulletinConfig } from './bulletin-config.ts'
import { checkFont } from './bulletin-pdf.ts'
import { BulletinScheduler } from './bulletin-scheduler.ts'
import { BulletinService } from './bulletin-service.ts'

export interface Bulletins {
  service: BulletinService
  scheduler: BulletinScheduler
  start(): void
}

export function openBulletins(o: {
  app: FastifyInstance
  store: Store
  storage: Storage
  kpiEngine: KpiEngine
  definitions: Record<KpiId, KpiDefinition>
  territory: Territory
  config: BulletinConfig
  timeZone: string
  ruleName: (id: string) => string
  push: (notice: Notice) => Promise<string[]>
  now: () => Date
  /** Whether the figures are the truth yet: a tick made over stored events, no first start's history still loading. */
  ready: () => boolean
}): Bulletins {
  const logger = o.app.log
  const service = new BulletinService({
    store: o.store,
    sources: { client: o.storage.client, kpis: o.kpiEngine, territory: o.territory, definitions: o.definitions, timeZone: o.timeZone, ruleName: o.ruleName },
    audit: o.app.access.audit,
    territory: o.territory,
    timeZone: o.timeZone,
    now: o.now,
    push: o.push,
    logger,
  })
  const scheduler = new BulletinScheduler(service, o.config, o.timeZone, o.now, o.ready, logger)
  return {
    service,
    scheduler,
    start() {
      try {
        checkFont(o.config.font)
      } catch (err) {
        logger.warn({ font: o.config.font.path }, `bulletins: ${(err as Error).message}; the PDF download answers 503 until then`)
      }
      scheduler.start()
    },
  }
}
