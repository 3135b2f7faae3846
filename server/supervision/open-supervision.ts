// Puts the supervision orders' parts together for the app: the service over
// the operational store and the event sink, the inbox of the teams' answers
// in ClickHouse, and the loop that reads it and checks deadlines.
import type { FastifyInstance } from 'fastify'
import type { EventSink } from '../../core/intake/event-sink.ts'
import type { Storage } from '../../core/storage/clickhouse.ts'
import type { Store } from '../../core/store/store.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { SupervisionAlerts } from './supervision-alerts.ts'
import type { SupervisionConfig } from './supervision-config.ts'
import { SupervisionInbox } from './supervision-inbox.ts'
import { SupervisionLoop } from './supervision-loop.ts'
import { SupervisionService } from './supervision-service.ts'
import { webhookChannel } from './supervision-webhook.ts'

export interface Supervision {
  service: SupervisionService
  loop: SupervisionLoop
}

export function openSupervision(o: {
  app: FastifyInstance
  storage: Storage
  store: Store
  sink: EventSink
  territory: Territory
  config: SupervisionConfig
  alerts: SupervisionAlerts
  now: () => Date
}): Supervision {
  const logger = o.app.log
  const service = new SupervisionService({
    store: o.store,
    clickhouse: o.storage.client,
    sink: o.sink,
    audit: o.app.access.audit,
    alerts: o.alerts,
    channel: webhookChannel(o.config.webhookUrl, logger),
    // The center sits where most customers live (as the simulator assumes).
    centerRegion: o.territory.regions.reduce((a, b) => (b.customers > a.customers ? b : a)).code,
    alertAfterMinutes: o.config.alertAfterMinutes,
    now: o.now,
    logger,
  })
  let inbox: Promise<SupervisionInbox> | undefined
  const openInbox = () =>
    (inbox ??= service.orders.inboxCursor().then(
      (at) => new SupervisionInbox(o.storage.client, at),
      (err: unknown) => {
        inbox = undefined
        throw err
      },
    ))
  return { service, loop: new SupervisionLoop(service, openInbox, o.config.checkMs, logger) }
}
