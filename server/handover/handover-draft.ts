// The handover draft of a shift (DOMAIN.md §4), built from the data of its
// period on request: its KPIs against targets (the KPI engine's period
// figures: the registry's formulas, not a second set), its alerts,
// supervision orders and outages (shift-activity.ts), and its notable log
// entries. The record a lead hands over is this, frozen at that moment.
import type { ClickHouseClient } from '@clickhouse/client'
import type { StoreQueryable } from '../../core/store/store.ts'
import type { HandoverContent, HandoverShift, ShiftKpi } from '../../schemas/handover.ts'
import type { DutyShift } from '../alerting/roster/on-duty.ts'
import type { LogStore } from '../oplog/log-store.ts'
import { periodAlerts, periodOutages, periodSupervisions } from './shift-activity.ts'
import type { HandoverTarget } from './shift-boundaries.ts'

const NOTABLE_MAX = 200

export interface DraftSources {
  store: StoreQueryable
  clickhouse: ClickHouseClient
  log: LogStore
  /** The KPI engine's figures over a period. */
  figures(lo: number, hi: number, now: Date): Promise<ShiftKpi[]>
}

export const shiftOut = (s: DutyShift): HandoverShift => ({
  id: s.id,
  name: s.name,
  date: s.date,
  starts_at: new Date(s.startsAt).toISOString(),
  ends_at: new Date(s.endsAt).toISOString(),
})

export async function buildDraft(src: DraftSources, target: HandoverTarget, now: Date): Promise<HandoverContent> {
  const { outgoing, incoming } = target
  const lo = outgoing.shift.startsAt
  const hi = target.periodTo
  const [from, to] = [new Date(lo), new Date(hi)]
  const [kpis, alerts, supervisions, outages, log] = await Promise.all([
    src.figures(lo, hi, now),
    periodAlerts(src.store, from, to),
    periodSupervisions(src.store, from, to),
    periodOutages(src.clickhouse, lo, hi),
    src.log.search({ since: from, until: to, notable: true, limit: NOTABLE_MAX, offset: 0 }),
  ])
  return {
    shift: shiftOut(outgoing.shift),
    period: { from: from.toISOString(), to: to.toISOString() },
    team: outgoing.team,
    outgoing_lead: outgoing.lead,
    incoming: { shift: incoming.shift && shiftOut(incoming.shift), team: incoming.team, lead: incoming.lead },
    kpis,
    alerts,
    supervisions,
    outages,
    log: log.items,
    drafted_at: now.toISOString(),
  }
}
