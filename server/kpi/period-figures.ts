// Every windowed KPI over one arbitrary period [lo, hi) (a shift's, for its
// own figures and its handover), for the whole territory, against its
// target: the same rollups, the same folds and the same registry formulas
// (schemas/kpis.ts) as the snapshot's windows, so a shift's figure is what a
// window of the same span would show. A monthly target is scaled to the
// period's length as the windows scale theirs. "Now" KPIs (the queue, open
// orders, active outages) describe an instant, not a period, and are left
// out. A KPI whose source's stored history does not reach into the period
// has no value (null), as a comparison window before history has none.
import type { ClickHouseClient } from '@clickhouse/client'
import type { ShiftKpi } from '../../schemas/handover.ts'
import { KPI_IDS, kpiEntry, kpiStatus, type KpiDefinition, type KpiId } from '../../schemas/kpis.ts'
import { addOpenIntervals, readAgents } from './agents-now.ts'
import { reaches, type HistoryStarts } from './history-coverage.ts'
import { ceilMinute, DAY_MS } from './kpi-periods.ts'
import { SumBook, TOTAL } from './measures.ts'
import { addOutageSums, readOutages, type NoticeLeads } from './outage-figures.ts'
import { rollupRows, rowsToBooks } from './rollup-query.ts'
import { ROLLUPS } from './rollup-sources.ts'

export interface PeriodRequest {
  client: ClickHouseClient
  definitions: Record<KpiId, KpiDefinition>
  /** Customers of the territory, for the per-customer rates. */
  customers: number
  noticeLeads: NoticeLeads
  history: HistoryStarts
  lo: number
  hi: number
  /** The instant the open agent intervals are counted to. */
  now: number
}

export async function periodFigures(req: PeriodRequest): Promise<ShiftKpi[]> {
  // Minute buckets that start in [lo, hi), lo rounded up to a whole minute, as kpi-periods.ts cuts every window.
  const lo = ceilMinute(req.lo)
  const hi = Math.max(lo, req.hi)
  const segment = { lo, hi: ceilMinute(hi) }
  const book = new SumBook()
  const [rows, agents, outages] = await Promise.all([
    Promise.all(ROLLUPS.map(async (source) => ({ source, rows: hi > lo ? await rollupRows(req.client, source, [segment]) : [] }))),
    readAgents(req.client, null),
    readOutages(req.client, lo, null),
  ])
  for (const r of rows) rowsToBooks(r.source, r.rows, 1, null, [book])
  addOpenIntervals(book, agents, lo, hi, req.now)
  addOutageSums(book, outages, lo, hi, req.noticeLeads)
  const scale = (hi - lo) / (30 * DAY_MS)
  return KPI_IDS.flatMap((id) => {
    const entry = kpiEntry(id)
    if (entry.kind === 'now') return []
    const def = req.definitions[id]
    const value = reaches(req.history, entry.source, hi) ? entry.formula(book.get(TOTAL), req.customers) : null
    const s = def.target_period === 'month' ? scale : 1
    return [{ id, value, target: def.target === null ? null : def.target * s, status: kpiStatus(def.thresholds, value, s) }]
  })
}
