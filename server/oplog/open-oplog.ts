// Puts the operations log together for the app: the log over the store, its
// entries pushed to people's screens (`log`, not to walls), and one writer
// per source of news: the alert engine's transitions, the supervision
// orders' steps, the walls' heartbeats and the sources' liveness (both
// looked at on every tick); and its copy into ClickHouse.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Store } from '../../core/store/store.ts'
import { PERSON_ROLES } from '../../schemas/roles.ts'
import type { AlertFeed } from '../alerting/alert-feed.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { DisplayRegistry } from '../displays/display-registry.ts'
import type { TypedIoServer } from '../plugins/socket.ts'
import type { SupervisionService } from '../supervision/supervision-service.ts'
import type { TickLoop } from '../tick-loop.ts'
import { logCopy, type LogCopy } from './log-copy.ts'
import { OperationsLog, type LogLogger } from './operations-log.ts'
import { writeAlertEntries } from './writers/alert-entries.ts'
import { DisplayEntries } from './writers/display-entries.ts'
import { SourceEntries } from './writers/source-entries.ts'
import { writeSupervisionEntries } from './writers/supervision-entries.ts'

export interface OplogSeams {
  store: Store
  clickhouse: ClickHouseClient
  audit: AuditLog
  io: () => TypedIoServer
  alerts: AlertFeed
  supervision: SupervisionService
  displays: DisplayRegistry
  ticks: TickLoop
  now: () => Date
  logger: LogLogger
}

export interface Oplog {
  log: OperationsLog
  /** The append-only copy into ClickHouse: started with the app, stopped (and finished) as it closes. */
  copy: LogCopy
}

export function openOperationsLog(o: OplogSeams): Oplog {
  const log = new OperationsLog({ store: o.store, audit: o.audit, now: o.now, logger: o.logger })
  log.onEntry((entry) => o.io().to(PERSON_ROLES.map((role) => `role:${role}`)).emit('log', entry))
  writeAlertEntries(o.alerts, log)
  writeSupervisionEntries(o.supervision, log)
  const displays = new DisplayEntries({ registry: o.displays, store: o.store, log })
  const sources = new SourceEntries(log)
  // One look at a time: a tick that comes while the last look still writes is skipped (the next one sees the same).
  let looking = false
  o.ticks.onTick((tick) => {
    if (looking) return
    looking = true
    void Promise.all([displays.observe(tick.at.getTime()), sources.observe(tick.territory.sources)]).finally(() => (looking = false))
  })
  return { log, copy: logCopy(o.store, o.clickhouse, o.logger) }
}
