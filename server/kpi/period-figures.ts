// Every windowed KPI over one closed period (a bulletin's day or week), for
// the territory and each region, with the engine's own pieces: the same
// rollup reads (rollup-query.ts), the same folds into sums per breakdown key
// (rollup-sources.ts, outage-figures.ts, agents-now.ts), the registry's
// formula and kpiStatus, a monthly target scaled to the period's length as
// a window's is, and no value where stored history does not reach the
// period (history-coverage.ts). Only the span differs from a tick's windows.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Sums } from '../../schemas/kpi-measures.ts'
import { KPI_IDS, kpiEntry, kpiStatus, type KpiDefinition, type KpiId, type KpiStatus } from '../../schemas/kpis.ts'
import { addOpenIntervals, readAgents } from './agents-now.ts'
import { reaches, type HistoryStarts } from './history-coverage.ts'
import { DAY_MS, MINUTE_MS } from './kpi-periods.ts'
import { SumBook, TOTAL, type Key } from './measures.ts'
import { addOutageSums, readOutages, type NoticeLeads } from './outage-figures.ts'
import { rollupRows, rowsToBooks } from './rollup-query.ts'
import { ROLLUPS } from './rollup-sources.ts'

/** A closed period [lo, hi) of whole minutes (epoch ms). */
export interface Span {
  lo: number
  hi: number
}

export interface PeriodCell {
  value: number | null
  status: KpiStatus
  volume?: number
}

export interface PeriodKpi {
  id: KpiId
  target: number | null
  total: PeriodCell
  regions: Record<string, PeriodCell>
}

export interface PeriodFiguresRequest {
  client: ClickHouseClient
  span: Span
  /** The instant the figures are read at: an agent's open interval counts up to it. */
  now: number
  definitions: Record<KpiId, KpiDefinition>
  regionCodes: readonly string[]
  customersOf: (key: Key) => number | null
  noticeLeads: NoticeLeads
  history: HistoryStarts
}

/** The sums of every rollup, outage and agent interval in the span, per breakdown key. */
export async function periodBook(req: Pick<PeriodFiguresRequest, 'client' | 'span' | 'now' | 'noticeLeads'>): Promise<SumBook> {
  const { client, span } = req
  if (span.lo % MINUTE_MS !== 0 || span.hi % MINUTE_MS !== 0 || span.hi <= span.lo) {
    throw new RangeError(`a period is whole minutes with its end after its start, got ${new Date(span.lo).toISOString()} – ${new Date(span.hi).toISOString()}`)
  }
  const [rows, outages, agents] = await Promise.all([
    Promise.all(ROLLUPS.map(async (source) => [source, await rollupRows(client, source, [span])] as const)),
    readOutages(client, span.lo, null),
    readAgents(client, null),
  ])
  const book = new SumBook()
  for (const [source, sourceRows] of rows) rowsToBooks(source, sourceRows, 1, null, [book])
  addOutageSums(book, outages, span.lo, span.hi, req.noticeLeads)
  addOpenIntervals(book, agents, span.lo, span.hi, req.now)
  return book
}

/** A KPI's value of one key's sums, judged; null where the source's history does not reach the period. */
export function judgeCell(def: KpiDefinition, sums: Sums, customers: number | null, scale: number, covered: boolean): PeriodCell {
  const entry = kpiEntry(def.id)
  if (entry.kind !== 'windowed') return { value: null, status: 'none' }
  const value = covered ? entry.formula(sums, customers) : null
  const status = kpiStatus(def.thresholds, value, def.target_period === 'month' ? scale : 1)
  return entry.volume ? { value, status, volume: entry.volume(sums) } : { value, status }
}

/** Every windowed KPI over the span: the territory's value and each region's, against the period's target. */
export async function periodFigures(req: PeriodFiguresRequest): Promise<PeriodKpi[]> {
  const book = await periodBook(req)
  const scale = (req.span.hi - req.span.lo) / (30 * DAY_MS)
  return KPI_IDS.flatMap((id): PeriodKpi[] => {
    const entry = kpiEntry(id)
    if (entry.kind !== 'windowed') return []
    const def = req.definitions[id]
    const covered = reaches(req.history, entry.source, req.span.hi)
    const cell = (key: Key) => judgeCell(def, book.get(key), req.customersOf(key), scale, covered)
    const regions = def.breakdowns.includes('region') ? Object.fromEntries(req.regionCodes.map((code) => [code, cell(`region:${code}`)])) : {}
    return [{ id, target: def.target === null ? null : def.target * (def.target_period === 'month' ? scale : 1), total: cell(TOTAL), regions }]
  })
}
