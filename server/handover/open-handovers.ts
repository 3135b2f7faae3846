// Puts the handovers together for the app: the service over the store, the
// KPI engine's period figures and the operations log, and its look at the
// time on every tick (the reminder), one look at a time.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Store } from '../../core/store/store.ts'
import type { Roster } from '../../schemas/alerting-config.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { KpiEngine } from '../kpi/kpi-engine.ts'
import type { OperationsLog } from '../oplog/operations-log.ts'
import type { TickLoop } from '../tick-loop.ts'
import { HandoverService } from './handover-service.ts'

export function openHandovers(o: {
  store: Store
  clickhouse: ClickHouseClient
  log: OperationsLog
  audit: AuditLog
  kpiEngine: KpiEngine
  roster: () => Roster | null
  timeZone: string
  remindAfterMinutes: number
  ticks: TickLoop
  now: () => Date
  logger: { warn(obj: object, msg: string): void }
}): HandoverService {
  const service = new HandoverService({
    store: o.store,
    clickhouse: o.clickhouse,
    log: o.log,
    audit: o.audit,
    figures: (lo, hi, at) => o.kpiEngine.periodFigures(lo, hi, at),
    roster: o.roster,
    timeZone: o.timeZone,
    remindAfterMinutes: o.remindAfterMinutes,
    now: o.now,
  })
  let looking = false
  o.ticks.onTick((tick) => {
    if (looking) return
    looking = true
    void service
      .observe(tick.at.getTime())
      .catch((err: Error) => o.logger.warn({ err: err.message }, 'handover: the reminder check failed; the next tick tries again'))
      .finally(() => (looking = false))
  })
  return service
}
