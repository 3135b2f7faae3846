// What one tick reads from ClickHouse, once for every scope it computes (the
// territory and each region a screen watches fold the same rows in code), and
// only what changed:
//
// - the rollups' sums of the live hour, per table, read again when the table
//   changed or the minute segments moved (table-versions.ts);
// - the settled past (the rest of today, the same windows yesterday and last
//   week), read when the clock enters a new minute: between changes of its
//   segments its sums can differ only through events more than an hour
//   late, which are rare and then show within a minute;
// - agents and outages, read again when their table changed; the open work
//   orders likewise, but only the rows written since (workorders-now.ts);
// - the calls waiting, read every tick (a call waits longer every second);
// - the newest stored event (the watermark), and how far history reaches.
//
// Time-dependent judgements (overdue, active, waiting) are made by the
// engine at the tick's instant from these rows; none of them is cached.
import type { ClickHouseClient } from '@clickhouse/client'
import { msFromCh } from '../../core/time-format.ts'
import { readAgents, type AgentRow } from './agents-now.ts'
import { HistoryCoverage, type HistoryStarts } from './history-coverage.ts'
import { readOutages, type OutageRow } from './outage-figures.ts'
import { readWaiting, type WaitingGroup } from './queue-now.ts'
import { rollupRows, type RollupRow, type Segment } from './rollup-query.ts'
import { ROLLUPS, type RollupSource } from './rollup-sources.ts'
import { readTableVersions, VersionedRead } from './table-versions.ts'
import { OpenOrdersMirror, type OpenOrderRow } from './workorders-now.ts'

export interface TickPlan {
  at: number
  /** Segments read every tick (the live hour) and those read once a minute (the settled past). */
  live: Segment[]
  settled: Segment[]
  /** Outages that matter start or end after this (the earliest period's start). */
  earliest: number
  /** calls_live: a call offered longer ago than this is taken as lost, not waiting. */
  queueWindowMinutes: number
}

export interface TickReadings {
  live: Map<RollupSource, RollupRow[]>
  settled: Map<RollupSource, RollupRow[]>
  agents: AgentRow[]
  outages: OutageRow[]
  openOrders: OpenOrderRow[]
  waiting: WaitingGroup[]
  watermark: string | null
  history: HistoryStarts
}

const TABLES = [...ROLLUPS.map((s) => s.table), 'agents', 'outages', 'workorders_open', 'events_watermark']

const segmentsKey = (segments: readonly Segment[]) => segments.map((s) => `${s.lo}-${s.hi}`).join(',')

async function readWatermark(client: ClickHouseClient): Promise<string | null> {
  const result = await client.query({ query: 'SELECT max(newest_occurred_at) FROM events_watermark', format: 'JSONCompactEachRow' })
  const [[newest]] = await result.json<[string]>()
  const ms = msFromCh(newest)
  // max() of no rows is the epoch: no event stored yet.
  return ms === null || ms <= 0 ? null : new Date(ms).toISOString()
}

/** How long after a read other scopes of the same instant may take it: well within a tick. */
const SHARE_MS = 100

export class TickReader {
  private readonly live = new Map(ROLLUPS.map((s) => [s, new VersionedRead<RollupRow[]>()]))
  private readonly settled = new Map(ROLLUPS.map((s) => [s, new VersionedRead<RollupRow[]>()]))
  private readonly agents = new VersionedRead<AgentRow[]>()
  private readonly outages = new VersionedRead<OutageRow[]>()
  private readonly openOrders = new VersionedRead<OpenOrderRow[]>()
  private readonly openOrdersMirror: OpenOrdersMirror
  private readonly watermark = new VersionedRead<string | null>()
  private readonly history: HistoryCoverage
  private last: { at: number; readings: Promise<TickReadings>; settledAt: number | null } | null = null

  constructor(private readonly client: ClickHouseClient) {
    this.history = new HistoryCoverage(client)
    this.openOrdersMirror = new OpenOrdersMirror(client)
  }

  /** How far history reaches, for callers outside a tick (trend series). */
  historyStarts(at: number): Promise<HistoryStarts> {
    return this.history.starts(at)
  }

  /** The readings at the plan's instant; scopes computed for the same instant share one read. */
  read(plan: TickPlan): Promise<TickReadings> {
    const last = this.last
    // Shared by the scopes of one tick (computed together), not beyond: a
    // clock that stands still (a test's) must still see new rows.
    if (last?.at === plan.at && (last.settledAt === null || performance.now() - last.settledAt < SHARE_MS)) return last.readings
    const readings = this.readAll(plan)
    const entry = { at: plan.at, readings, settledAt: null as number | null }
    this.last = entry
    readings.then(
      () => (entry.settledAt = performance.now()),
      () => {
        if (this.last === entry) this.last = null
      },
    )
    return readings
  }

  private async readAll(plan: TickPlan): Promise<TickReadings> {
    const client = this.client
    const versions = await readTableVersions(client, TABLES)
    const version = (table: string) => versions.get(table) ?? ''
    const liveKey = segmentsKey(plan.live)
    const settledKey = segmentsKey(plan.settled)
    const rows = (which: Map<RollupSource, VersionedRead<RollupRow[]>>, segments: Segment[], key: string, versioned: boolean) =>
      Promise.all(
        ROLLUPS.map(async (source) => {
          const read = which.get(source)!
          const value = await read.get(versioned ? version(source.table) : '', key, () => rollupRows(client, source, segments))
          return [source, value] as const
        }),
      ).then((entries) => new Map(entries))
    const earliestMinute = String(Math.floor(plan.earliest / 60_000))
    const [live, settled, agents, outages, openOrders, waiting, watermark, history] = await Promise.all([
      rows(this.live, plan.live, liveKey, true),
      rows(this.settled, plan.settled, settledKey, false),
      this.agents.get(version('agents'), '', () => readAgents(client, null)),
      this.outages.get(version('outages'), earliestMinute, () => readOutages(client, plan.earliest, null)),
      this.openOrders.get(version('workorders_open'), '', () => this.openOrdersMirror.sync()),
      readWaiting(client, plan.at, plan.queueWindowMinutes, null),
      this.watermark.get(version('events_watermark'), '', () => readWatermark(client)),
      this.history.starts(plan.at),
    ])
    return { live, settled, agents, outages, openOrders, waiting, watermark, history }
  }
}
