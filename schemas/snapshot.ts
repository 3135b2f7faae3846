// The snapshot the server computes every tick and pushes to every screen:
// every KPI in every window, breakdowns, the current state, and how fresh it
// all is. GET /api/v1/snapshot returns one; Socket.IO pushes one on connect
// and deltas (schemas/patch.ts) after.
import type { AgentState } from './events.ts'
import type { KpiId, KpiStatus, Thresholds, WindowId } from './kpis.ts'

export interface KpiCell {
  value: number | null
  /** For a rate or an average: the items it is taken over (calls that left the queue, surveys, …); absent for other KPIs. */
  volume?: number
  /** The target for this window (monthly targets already scaled), or null. */
  target: number | null
  status: KpiStatus
  /** The same window yesterday and on the same weekday last week. */
  yesterday: number | null
  last_week: number | null
}

/** One value of a breakdown, judged by the server like every other value. */
export interface BreakdownCell {
  value: number | null
  /** As KpiCell's: the items a rate or an average is taken over. */
  volume?: number
  status: KpiStatus
}

/** KPIs broken down by a dimension: dimension value → KPI id → cell. */
export type BreakdownTable = Record<string, Partial<Record<KpiId, BreakdownCell>>>

/** What a screen needs to draw a KPI's target and bands (after the center's KPI_CONFIG_FILE). */
export interface KpiTargets {
  target: number | null
  target_period: 'month' | null
  thresholds: Thresholds
}

/**
 * A source of events and whether data flows from it. `live`: it delivered
 * (or, for a polling source, polled) within STALE_AFTER_SECONDS and keeps up;
 * `behind`: it is delivering but what it delivers waits to be stored;
 * `silent`: nothing from it for longer. A quiet hour keeps a polling source
 * (the simulator, a Kafka consumer) live; only a stopped flow makes it silent.
 */
export interface SourceHealth {
  /** e.g. `simulator`, `kafka:cc.calls`, `http`. */
  source: string
  /** Polling sources say whether the flow is alive even when no event comes; passive ones (HTTP intake, file replays) cannot. */
  polling: boolean
  state: 'live' | 'behind' | 'silent'
  /** When it last polled or delivered (ISO). */
  last_active_at: string
  /** occurred_at of the newest event it delivered (ISO), null before any. */
  newest_event_at: string | null
  /** Messages waiting in Kafka for this consumer group, where there is Kafka. */
  lag_messages: number | null
}

/** History still being loaded (the first start's backfill): figures are not yet the truth. */
export interface HistoryLoading {
  /** 0–1. */
  progress: number
  /** The source loading it, e.g. `simulator`. */
  source: string
}

export interface WindowBreakdowns {
  region: BreakdownTable
  queue: BreakdownTable
  category: BreakdownTable
  outage_kind: BreakdownTable
  team: BreakdownTable
}

export interface OutageBrief {
  outage_id: string
  region: string
  kind: string
  feeder: string
  cause: string
  customers_affected: number
  key_customers_affected: number
  started_at: string
  etr: string | null
  etr_overrun: boolean
}

export interface WorkorderBrief {
  workorder_id: string
  region: string
  category: string
  priority: string
  status: string
  team: string
  created_at: string
  /** The pending deadline nearest to breach (or most overdue) and which milestone it is for. */
  due_at: string
  milestone: string
  overdue: boolean
}

export interface CurrentState {
  queue: {
    waiting: number
    longest_wait_seconds: number | null
    by_queue: Record<string, { waiting: number; longest_wait_seconds: number | null }>
  }
  agents_by_state: Record<AgentState, number>
  /** The largest active outages, at most 20. */
  outages: OutageBrief[]
  workorders: {
    open_by_category_status: Record<string, Record<string, number>>
    /** At most 50 each, most urgent first. */
    overdue: WorkorderBrief[]
    at_risk: WorkorderBrief[]
  }
}

/** Supervision orders (督办) waiting for the team's reply, and those of them past the deadline. */
export interface SupervisionCounts {
  open: number
  overdue: number
}

export interface Snapshot {
  /** Increases by one every tick; a delta applies to the snapshot of its base_tick. */
  tick: number
  /** The server's build id: a screen that sees it change reloads itself. */
  build: string
  computed_at: string
  /** Newest occurred_at included (ISO 8601 UTC), null before any data. */
  watermark: string | null
  /** Why the figures cannot be trusted to be current (the flow of data stopped or fell behind, computation failing), or null. */
  stale: null | { reason: string; since: string }
  /** STALE_AFTER_SECONDS: a screen that has heard nothing newer than computed_at for this long says so itself. */
  stale_after_seconds: number
  sources: SourceHealth[]
  loading: HistoryLoading | null
  supervisions: SupervisionCounts
  /** Region code the snapshot is narrowed to, or null for the whole territory. */
  region: string | null
  windows: Record<WindowId, Record<KpiId, KpiCell>>
  breakdowns: Record<WindowId, WindowBreakdowns>
  targets: Record<KpiId, KpiTargets>
  current: CurrentState
}

/** What changed between two snapshots; see schemas/patch.ts. */
export interface Delta {
  base_tick: number
  tick: number
  patch: Record<string, unknown>
}
