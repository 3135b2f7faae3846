// The KPI engine: every KPI of DOMAIN.md §2 for the windows 15m, 60m and
// today, each with the same window yesterday and last week, its target and
// status, breakdowns, and the current state. A tick reads only per-minute
// rollups and current-state tables, never the raw `events` history, so its
// cost does not grow with the days kept; and it reads them once for every
// scope, and again only when they changed (tick-readings.ts). The territory
// and each region a screen watches are folded from the same rows in code.
// Time windows: kpi-periods.ts.
//
// Region narrowing: every figure is computed from that region's rows only,
// and rates per customer use the region's customers. Occupancy counts the
// agents whose state events carry the region (a central hotline's agents
// all sit in its own region).
import type { ClickHouseClient } from '@clickhouse/client'
import { KPI_DEFINITIONS, type KpiDefinition, type KpiId, type KpiSource, type WindowId } from '../../schemas/kpis.ts'
import type { ShiftKpi } from '../../schemas/handover.ts'
import type { OutageBrief, Snapshot, WorkorderBrief } from '../../schemas/snapshot.ts'
import { totalCustomers, type Territory } from '../../schemas/territory.ts'
import { OUTAGE_KINDS, WORKORDER_CATEGORIES } from '../../schemas/events.ts'
import { addOpenIntervals } from './agents-now.ts'
import { currentState, nowFigures, type NowReadings } from './current-state.ts'
import { reaches } from './history-coverage.ts'
import { UnknownKpiError, UnknownRegionError } from './kpi-errors.ts'
import { ceilMinute, DAY_MS, MINUTE_MS, periodsAt, windowLengthMs, type Period, type Shift } from './kpi-periods.ts'
import { seriesOf, type KpiSeries, type SeriesStep } from './kpi-series.ts'
import { assertTimeZone } from './local-time.ts'
import { SumBook, TOTAL, type Key } from './measures.ts'
import { DEFAULT_NOTICE_LEADS, addOutageSums, topActiveOutages, type NoticeLeads } from './outage-figures.ts'
import { periodFigures, type PeriodKpi, type Span } from './period-figures.ts'
import { booksOfPeriods, rowsToBooks, segmentPeriods } from './rollup-query.ts'
import { buildBreakdowns, buildTargets, buildWindows, dimensionValues } from './snapshot-assembly.ts'
import { TickReader, type TickReadings } from './tick-readings.ts'
import { openOrdersAt } from './workorders-now.ts'

export { UnknownRegionError, UnknownKpiError, NotASeriesKpiError } from './kpi-errors.ts'
export type { KpiSeries, SeriesStep } from './kpi-series.ts'

export interface KpiEngineOptions {
  client: ClickHouseClient
  territory: Territory
  /** CENTER_TZ, default 'Asia/Shanghai'. */
  timeZone: string
  /** After a center's overrides (kpi-config.ts); default KPI_DEFINITIONS. */
  definitions?: Record<KpiId, KpiDefinition>
  /** queue_now counts calls offered in the last N minutes and not yet answered or abandoned; default 30. */
  queueWindowMinutes?: number
  /** An open order is at risk when less than this fraction of a pending deadline's span is left; default 0.2. */
  atRiskFraction?: number
  /** Required notice before an outage of a kind starts; default planned 7 days, temporary 24 hours. */
  noticeLeadMs?: NoticeLeads
}

export type ComputedSnapshot = Pick<Snapshot, 'computed_at' | 'watermark' | 'region' | 'windows' | 'breakdowns' | 'targets' | 'current'>

/** Every open work order overdue or at risk and every active outage, uncapped (a snapshot lists the most urgent only). */
export interface EntitiesNow {
  workorders: WorkorderBrief[]
  outages: OutageBrief[]
}

const TOP_WORKORDERS = 50
const COMPARISON_SHIFTS: readonly Shift[] = ['yesterday', 'last_week']

export class KpiEngine {
  private readonly client: ClickHouseClient
  private readonly territory: Territory
  private readonly timeZone: string
  private readonly definitions: Record<KpiId, KpiDefinition>
  private readonly queueWindowMinutes: number
  private readonly atRiskFraction: number
  private readonly noticeLeads: NoticeLeads
  private readonly customers: Map<string, number>
  private readonly reader: TickReader
  private readonly targets: Snapshot['targets']
  /** The rows the last computation read (every scope of a tick reads the same ones). */
  private latest: Pick<TickReadings, 'openOrders' | 'outages'> | null = null

  constructor(opts: KpiEngineOptions) {
    assertTimeZone(opts.timeZone)
    const queueWindowMinutes = opts.queueWindowMinutes ?? 30
    const atRiskFraction = opts.atRiskFraction ?? 0.2
    if (!(Number.isInteger(queueWindowMinutes) && queueWindowMinutes > 0)) {
      throw new RangeError(`queueWindowMinutes must be a positive whole number of minutes, got ${queueWindowMinutes}`)
    }
    if (!(atRiskFraction > 0 && atRiskFraction < 1)) {
      throw new RangeError(`atRiskFraction must be between 0 and 1 (exclusive), got ${atRiskFraction}`)
    }
    this.client = opts.client
    this.territory = opts.territory
    this.timeZone = opts.timeZone
    this.definitions = opts.definitions ?? KPI_DEFINITIONS
    this.queueWindowMinutes = queueWindowMinutes
    this.atRiskFraction = atRiskFraction
    this.noticeLeads = { ...DEFAULT_NOTICE_LEADS, ...opts.noticeLeadMs }
    this.customers = new Map(opts.territory.regions.map((r) => [r.code, r.customers]))
    this.reader = new TickReader(opts.client)
    this.targets = buildTargets(this.definitions)
  }

  /** Everything for `now`; with a region code, every figure narrowed to that region (unknown region → throws UnknownRegionError). */
  async compute(now: Date, region?: string | null): Promise<ComputedSnapshot> {
    const narrowed = this.checkRegion(region)
    const at = now.getTime()
    const current = periodsAt(at, this.timeZone, ['current'])
    const comparison = periodsAt(at, this.timeZone, COMPARISON_SHIFTS)
    const periods = [...current, ...comparison]

    // Segments within the live 60-minute window are read when their rollup
    // changes; older ones (the rest of today, yesterday, last week) once a
    // minute (tick-readings.ts). Every scope of a tick folds the same rows.
    const { segments, members } = segmentPeriods(periods)
    const liveFrom = current.find((p) => p.window === '60m')!.lo
    const live = segments.flatMap((seg, i) => (seg.lo >= liveFrom ? [i] : []))
    const settled = segments.flatMap((seg, i) => (seg.lo < liveFrom ? [i] : []))
    const readings = await this.reader.read({
      at,
      live: live.map((i) => segments[i]),
      settled: settled.map((i) => segments[i]),
      earliest: Math.min(...periods.map((p) => p.lo)),
      queueWindowMinutes: this.queueWindowMinutes,
    })
    this.latest = readings
    const segmentBooks: SumBook[] = []
    const place = (indices: number[], rows: TickReadings['live']) => {
      const books = indices.map(() => new SumBook())
      for (const [source, sourceRows] of rows) rowsToBooks(source, sourceRows, books.length, narrowed, books)
      indices.forEach((segment, i) => (segmentBooks[segment] = books[i]))
    }
    place(live, readings.live)
    place(settled, readings.settled)
    const inScope = <T extends { region: string }>(rows: readonly T[]) => (narrowed === null ? [...rows] : rows.filter((r) => r.region === narrowed))
    const scoped: NowReadings = {
      agents: inScope(readings.agents),
      waiting: inScope(readings.waiting),
      outages: inScope(readings.outages),
      openOrders: openOrdersAt(readings.openOrders, at, this.atRiskFraction, narrowed, TOP_WORKORDERS),
      watermark: readings.watermark,
    }
    const books = this.books(at, periods, booksOfPeriods(segmentBooks, members), scoped)
    const figures = nowFigures(at, scoped)
    const seen = [...books.today.current.keys(), ...books['60m'].current.keys(), ...figures.keys()]
    const periodOf = (window: WindowId, shift: Shift) => periods.find((p) => p.window === window && p.shift === shift)!
    const assembly = {
      definitions: this.definitions,
      books,
      covered: (source: KpiSource, window: WindowId, shift: Shift) => reaches(readings.history, source, periodOf(window, shift).hi),
      now: figures,
      customersOf: (key: Key) => this.customersOf(key, narrowed),
      monthScale: Object.fromEntries(
        (['15m', '60m', 'today'] as const).map((w) => [w, windowLengthMs(w, at, this.timeZone) / (30 * DAY_MS)]),
      ) as Record<WindowId, number>,
      dimensionValues: {
        region: narrowed === null ? dimensionValues(this.territory.regions.map((r) => r.code), seen, 'region') : [narrowed],
        queue: dimensionValues(this.territory.queues.map((q) => q.code), seen, 'queue'),
        team: dimensionValues(this.territory.teams.filter((t) => t.kind === 'agents').map((t) => t.code), seen, 'team'),
        category: dimensionValues(WORKORDER_CATEGORIES, seen, 'category'),
        outage_kind: dimensionValues(OUTAGE_KINDS, seen, 'outage_kind'),
      },
    }
    return {
      computed_at: now.toISOString(),
      watermark: readings.watermark,
      region: narrowed,
      windows: buildWindows(assembly),
      breakdowns: buildBreakdowns(assembly),
      targets: this.targets,
      current: currentState(at, scoped, this.territory),
    }
  }

  /**
   * The whole territory's overdue and at-risk orders and active outages at
   * `at`, judged by the same SLA and outage judges as the snapshot, from the
   * rows of the last computation; null before the first one.
   */
  entitiesAt(at: number): EntitiesNow | null {
    if (this.latest === null) return null
    const orders = openOrdersAt(this.latest.openOrders, at, this.atRiskFraction, null, Infinity)
    return { workorders: [...orders.overdue, ...orders.at_risk], outages: topActiveOutages(this.latest.outages, at, Infinity) }
  }

  /** Per-step series of one KPI for the window today and the same window yesterday and last week (timestamps of the today axis), for trend charts. */
  async series(
    id: KpiId,
    opts: { window: WindowId; step: SeriesStep; region?: string | null; now: Date },
  ): Promise<KpiSeries> {
    const narrowed = this.checkRegion(opts.region)
    if (!Object.hasOwn(this.definitions, id)) throw new UnknownKpiError(id)
    return seriesOf({
      client: this.client,
      id,
      window: opts.window,
      step: opts.step,
      region: narrowed,
      now: opts.now.getTime(),
      timeZone: this.timeZone,
      customers: this.customersOf(TOTAL, narrowed),
      noticeLeads: this.noticeLeads,
      history: await this.reader.historyStarts(opts.now.getTime()),
    })
  }

  /** Every windowed KPI over a closed period (a bulletin's day or week), for the territory and each region, read at `now`. */
  async over(span: Span, now: Date): Promise<PeriodKpi[]> {
    return periodFigures({
      client: this.client,
      span,
      now: now.getTime(),
      definitions: this.definitions,
      regionCodes: this.territory.regions.map((r) => r.code),
      customersOf: (key) => this.customersOf(key, null),
      noticeLeads: this.noticeLeads,
      history: await this.reader.historyStarts(now.getTime()),
    })
  }

  /** A shift's figures over [lo, hi) (its handover; so far, while it runs): the territory's cells of `over`, from whole minutes. */
  async periodFigures(lo: number, hi: number, now: Date): Promise<ShiftKpi[]> {
    const from = ceilMinute(lo)
    const kpis = await this.over({ lo: from, hi: Math.max(from + MINUTE_MS, ceilMinute(hi)) }, now)
    return kpis.map((k) => ({ id: k.id, value: k.total.value, target: k.target, status: k.total.status }))
  }

  private checkRegion(region: string | null | undefined): string | null {
    if (region === undefined || region === null || region === '') return null
    if (!this.customers.has(region)) throw new UnknownRegionError(region)
    return region
  }

  private customersOf(key: Key, region: string | null): number | null {
    if (key === TOTAL) return region === null ? totalCustomers(this.territory) : (this.customers.get(region) ?? null)
    if (key.startsWith('region:')) return this.customers.get(key.slice('region:'.length)) ?? null
    return null
  }

  /** The sums of every window and shift: rollups, plus open agent intervals and outages. */
  private books(
    at: number,
    periods: Period[],
    rollupBooks: SumBook[],
    readings: NowReadings,
  ): Record<WindowId, Record<Shift, SumBook>> {
    const out = {} as Record<WindowId, Record<Shift, SumBook>>
    periods.forEach((p, i) => {
      const book = new SumBook()
      book.merge(rollupBooks[i])
      addOpenIntervals(book, readings.agents, p.lo, p.hi, at)
      addOutageSums(book, readings.outages, p.lo, p.hi, this.noticeLeads)
      ;(out[p.window] ??= {} as Record<Shift, SumBook>)[p.shift] = book
    })
    return out
  }
}
