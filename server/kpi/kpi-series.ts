// Trend series of one windowed KPI: the window cut into step-sized buckets
// from its start, each bucket's value computed with the same formula as the
// snapshot (measures.ts), for the window now, yesterday and last week, on
// the time axis of today. "Now" KPIs (queue, agents, active outages, open
// orders) have no history in the rollups and are refused with
// NotASeriesKpiError rather than answered with a line of nulls.
import type { ClickHouseClient } from '@clickhouse/client'
import { WINDOWS, type KpiDefinition, type KpiId, type KpiUnit, type WindowId } from '../../schemas/kpis.ts'
import { addOpenIntervals, readAgents } from './agents-now.ts'
import { NotASeriesKpiError } from './kpi-errors.ts'
import { SHIFTS, ceilMinute, periodOf, type Period } from './kpi-periods.ts'
import { SumBook, TOTAL, windowedValue } from './measures.ts'
import { addOutageSums, readOutages, type NoticeLeads } from './outage-figures.ts'
import { bucketCount, sumsByBucket } from './rollup-query.ts'
import { AGENTS, CALLBACKS, CALLS, WORKORDERS, type RollupSource } from './rollup-sources.ts'

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

type SeriesSource = RollupSource | 'outages'

const SOURCE_OF: Partial<Record<KpiId, SeriesSource>> = {
  calls_offered: CALLS,
  ivr_self_service_rate: CALLS,
  calls_answered: CALLS,
  abandonment_rate: CALLS,
  service_level: CALLS,
  asa_seconds: CALLS,
  aht_seconds: CALLS,
  fcr_rate: CALLS,
  satisfaction_rate: CALLS,
  occupancy: AGENTS,
  on_time_arrival_rate: WORKORDERS,
  avg_repair_minutes: WORKORDERS,
  complaint_rate_permille: WORKORDERS,
  escalated_per_million: WORKORDERS,
  callback_timeliness: CALLBACKS,
  notification_coverage: 'outages',
  timely_notification_rate: 'outages',
  mttr_minutes: 'outages',
}

export interface SeriesRequest {
  client: ClickHouseClient
  definition: KpiDefinition
  window: WindowId
  step: SeriesStep
  /** A checked region code, or null for the territory. */
  region: string | null
  now: number
  timeZone: string
  /** Customers of the territory or the region, for the per-customer rates. */
  customers: number | null
  noticeLeads: NoticeLeads
}

/** Each bucket's [lo, hi) within its period. */
function bucketBounds(period: Period, stepMs: number): Array<{ lo: number; hi: number }> {
  const end = ceilMinute(period.hi)
  return Array.from({ length: bucketCount(period, stepMs) }, (_, b) => ({
    lo: period.lo + b * stepMs,
    hi: Math.min(period.lo + (b + 1) * stepMs, end),
  }))
}

async function bucketBooks(req: SeriesRequest, source: SeriesSource, periods: Period[], stepMs: number): Promise<SumBook[][]> {
  if (source === 'outages') {
    const rows = await readOutages(req.client, Math.min(...periods.map((p) => p.lo)), req.now, req.region)
    return periods.map((p) =>
      bucketBounds(p, stepMs).map(({ lo, hi }) => {
        const book = new SumBook()
        addOutageSums(book, rows, lo, hi, req.noticeLeads)
        return book
      }),
    )
  }
  // Occupancy's rollup has no region (see kpi-engine.ts): narrowed, its buckets stay empty (null).
  if (source === AGENTS && req.region !== null) return periods.map((p) => bucketBounds(p, stepMs).map(() => new SumBook()))
  const [books, agents] = await Promise.all([
    sumsByBucket(req.client, source, periods, stepMs, req.region),
    source === AGENTS ? readAgents(req.client, null) : Promise.resolve([]),
  ])
  if (agents.length > 0) {
    periods.forEach((p, i) =>
      bucketBounds(p, stepMs).forEach(({ lo, hi }, b) => addOpenIntervals(books[i][b], agents, lo, hi, req.now)),
    )
  }
  return books
}

export async function seriesOf(req: SeriesRequest): Promise<KpiSeries> {
  const { definition: def } = req
  const source = SOURCE_OF[def.id]
  if (def.kind === 'now' || source === undefined) throw new NotASeriesKpiError(def.id)
  if (!WINDOWS.includes(req.window)) throw new RangeError(`unknown window "${req.window}" (expected ${WINDOWS.join(', ')})`)
  if (!Object.hasOwn(STEP_MS, req.step)) throw new RangeError(`unknown step "${req.step}" (expected ${SERIES_STEPS.join(', ')})`)
  const stepMs = STEP_MS[req.step]
  const periods = SHIFTS.map((shift) => periodOf(req.window, shift, req.now, req.timeZone))
  const books = await bucketBooks(req, source, periods, stepMs)
  const valueAt = (shift: number, b: number) => {
    const book = books[shift][b]
    return book ? windowedValue(def.id, book.get(TOTAL), req.customers) : null
  }
  return {
    id: def.id,
    window: req.window,
    step: req.step,
    unit: def.unit,
    points: books[0].map((_, b) => ({
      at: new Date(periods[0].lo + b * stepMs).toISOString(),
      today: valueAt(0, b),
      yesterday: valueAt(1, b),
      last_week: valueAt(2, b),
    })),
  }
}
