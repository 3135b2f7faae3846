// Trend series of one windowed KPI: the window cut into step-sized buckets
// from its start, each bucket's value computed with the KPI's registry
// formula (schemas/kpis.ts), for the window now, yesterday and last week, on
// the time axis of today. A bucket that ends before its source's stored
// history begins has no value (null, drawn as no line), never 0. "Now" KPIs (queue,
// agents, active outages, open orders) have no history in the rollups and
// are refused with NotASeriesKpiError rather than answered with nulls.
import type { ClickHouseClient } from '@clickhouse/client'
import { WINDOWS, kpiEntry, type KpiId, type KpiUnit, type WindowedKpi, type WindowId } from '../../schemas/kpis.ts'
import { addOpenIntervals, readAgents } from './agents-now.ts'
import { reaches, type HistoryStarts } from './history-coverage.ts'
import { NotASeriesKpiError } from './kpi-errors.ts'
import { SHIFTS, ceilMinute, periodOf, type Period } from './kpi-periods.ts'
import { SumBook, TOTAL } from './measures.ts'
import { addOutageSums, readOutages, type NoticeLeads } from './outage-figures.ts'
import { bucketCount, sumsByBucket } from './rollup-query.ts'
import { ROLLUP_OF } from './rollup-sources.ts'

export type SeriesStep = '1m' | '5m' | '15m' | '1h'
export const SERIES_STEPS: readonly SeriesStep[] = ['1m', '5m', '15m', '1h']
const STEP_MS: Record<SeriesStep, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 }

export interface KpiSeries {
  id: KpiId
  window: WindowId
  step: string
  unit: KpiUnit
  points: Array<{ at: string; today: number | null; yesterday: number | null; last_week: number | null }>
}

export interface SeriesRequest {
  client: ClickHouseClient
  id: KpiId
  window: WindowId
  step: SeriesStep
  /** A checked region code, or null for the territory. */
  region: string | null
  now: number
  timeZone: string
  /** Customers of the territory or the region, for the per-customer rates. */
  customers: number | null
  noticeLeads: NoticeLeads
  history: HistoryStarts
}

/** Each bucket's [lo, hi) within its period. */
function bucketBounds(period: Period, stepMs: number): Array<{ lo: number; hi: number }> {
  const end = ceilMinute(period.hi)
  return Array.from({ length: bucketCount(period, stepMs) }, (_, b) => ({
    lo: period.lo + b * stepMs,
    hi: Math.min(period.lo + (b + 1) * stepMs, end),
  }))
}

async function bucketBooks(req: SeriesRequest, entry: WindowedKpi, periods: Period[], stepMs: number): Promise<SumBook[][]> {
  if (entry.source === 'outages') {
    const rows = await readOutages(req.client, Math.min(...periods.map((p) => p.lo)), req.region)
    return periods.map((p) =>
      bucketBounds(p, stepMs).map(({ lo, hi }) => {
        const book = new SumBook()
        addOutageSums(book, rows, lo, hi, req.noticeLeads)
        return book
      }),
    )
  }
  const occupancy = entry.source === 'occupancy'
  const [books, agents] = await Promise.all([
    sumsByBucket(req.client, ROLLUP_OF[entry.source], periods, stepMs, req.region),
    // Occupancy adds each agent's open interval, which no rollup holds yet.
    occupancy ? readAgents(req.client, req.region) : Promise.resolve([]),
  ])
  if (agents.length > 0) {
    periods.forEach((p, i) =>
      bucketBounds(p, stepMs).forEach(({ lo, hi }, b) => addOpenIntervals(books[i][b], agents, lo, hi, req.now)),
    )
  }
  return books
}

export async function seriesOf(req: SeriesRequest): Promise<KpiSeries> {
  const entry = kpiEntry(req.id)
  if (entry.kind === 'now') throw new NotASeriesKpiError(req.id)
  if (!WINDOWS.includes(req.window)) throw new RangeError(`unknown window "${req.window}" (expected ${WINDOWS.join(', ')})`)
  if (!Object.hasOwn(STEP_MS, req.step)) throw new RangeError(`unknown step "${req.step}" (expected ${SERIES_STEPS.join(', ')})`)
  const stepMs = STEP_MS[req.step]
  const periods = SHIFTS.map((shift) => periodOf(req.window, shift, req.now, req.timeZone))
  const books = await bucketBooks(req, entry, periods, stepMs)
  const valueAt = (shift: number, b: number) => {
    const book = books[shift][b]
    const hi = Math.min(periods[shift].lo + (b + 1) * stepMs, ceilMinute(periods[shift].hi))
    if (!book || !reaches(req.history, entry.source, hi)) return null
    return entry.formula(book.get(TOTAL), req.customers)
  }
  return {
    id: req.id,
    window: req.window,
    step: req.step,
    unit: entry.unit,
    points: books[0].map((_, b) => ({
      at: new Date(periods[0].lo + b * stepMs).toISOString(),
      today: valueAt(0, b),
      yesterday: valueAt(1, b),
      last_week: valueAt(2, b),
    })),
  }
}
