// The snapshot served before any computation has succeeded (ClickHouse down
// at start): every KPI present with no value, so screens render their usual
// layout and show the stale reason instead of waiting on nothing.
import { AGENT_STATES, type AgentState } from '../schemas/events.ts'
import { KPI_IDS, WINDOWS, type KpiDefinition, type KpiId, type WindowId } from '../schemas/kpis.ts'
import type { KpiCell, Snapshot, WindowBreakdowns } from '../schemas/snapshot.ts'
import { buildTargets } from './kpi/snapshot-assembly.ts'

export function emptySnapshot(opts: {
  region: string | null
  build: string
  now: Date
  definitions: Record<KpiId, KpiDefinition>
  staleAfterMs: number
}): Snapshot {
  const windows = {} as Record<WindowId, Record<KpiId, KpiCell>>
  const breakdowns = {} as Record<WindowId, WindowBreakdowns>
  for (const w of WINDOWS) {
    const cells = {} as Record<KpiId, KpiCell>
    for (const id of KPI_IDS) {
      // Monthly targets would need scaling to the window; without a value there is nothing to judge, so none is shown.
      const target = opts.definitions[id].target_period === 'month' ? null : opts.definitions[id].target
      cells[id] = { value: null, target, status: 'none', yesterday: null, last_week: null }
    }
    windows[w] = cells
    breakdowns[w] = { region: {}, queue: {}, category: {}, outage_kind: {}, team: {} }
  }
  return {
    tick: 0,
    build: opts.build,
    computed_at: opts.now.toISOString(),
    watermark: null,
    stale: null,
    stale_after_seconds: opts.staleAfterMs / 1000,
    sources: [],
    loading: null,
    supervisions: { open: 0, overdue: 0 },
    region: opts.region,
    windows,
    breakdowns,
    targets: buildTargets(opts.definitions),
    current: {
      queue: { waiting: 0, longest_wait_seconds: null, by_queue: {} },
      agents_by_state: Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>,
      outages: [],
      workorders: { open_by_category_status: {}, overdue: [], at_risk: [] },
    },
  }
}
