// The snapshot the server computes every tick and pushes to every screen:
// every KPI in every window, breakdowns, the current state, and how fresh it
// all is. GET /api/v1/snapshot returns one; Socket.IO pushes one on connect
// and deltas (schemas/patch.ts) after.
import type { AgentState } from './events.ts'
import type { KpiId, KpiStatus, WindowId } from './kpis.ts'

export interface KpiCell {
  value: number | null
  /** The target for this window (monthly targets already scaled), or null. */
  target: number | null
  status: KpiStatus
  /** The same window yesterday and on the same weekday last week. */
  yesterday: number | null
  last_week: number | null
}

/** Values of a KPI broken down by a dimension: dimension value → KPI id → value. */
export type BreakdownTable = Record<string, Partial<Record<KpiId, number | null>>>

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

export interface Snapshot {
  /** Increases by one every tick; a delta applies to the snapshot of its base_tick. */
  tick: number
  /** The server's build id: a screen that sees it change reloads itself. */
  build: string
  computed_at: string
  /** Newest occurred_at included (ISO 8601 UTC), null before any data. */
  watermark: string | null
  stale: null | { reason: string; since: string }
  /** Region code the snapshot is narrowed to, or null for the whole territory. */
  region: string | null
  windows: Record<WindowId, Record<KpiId, KpiCell>>
  breakdowns: Record<WindowId, WindowBreakdowns>
  current: CurrentState
}

/** What changed between two snapshots; see schemas/patch.ts. */
export interface Delta {
  base_tick: number
  tick: number
  patch: Record<string, unknown>
}
