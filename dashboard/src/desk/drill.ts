// What the desk is drilled into, kept in the address (so a drill-down can be
// linked, reloaded and gone back from): the list, its filters, sort, page and
// the entity whose timeline is open. And where each KPI leads: a tile or a
// breakdown cell opens the list of what makes it up.
import type { KpiId } from '../../../schemas/kpis.ts'

export const LISTS = ['workorders', 'outages', 'agents', 'queues', 'supervisions'] as const
export type ListId = (typeof LISTS)[number]

/** The filters each list's route takes (server/routes/*), in the order the desk shows them. */
export const FILTERS: Record<ListId, readonly string[]> = {
  workorders: ['overdue', 'at_risk', 'open', 'region', 'category', 'status', 'team', 'priority', 'outage', 'call', 'q', 'sort'],
  outages: ['active', 'etr_overrun', 'key_customers', 'region', 'kind', 'q', 'sort'],
  agents: ['state', 'team', 'region', 'q', 'sort'],
  queues: [],
  supervisions: ['overdue', 'state', 'team', 'region'],
}

export const PAGE_SIZE = 50

/** What a tab opens on: what is live now (the open orders, the active outages), not 30 days of closed history. */
export const TAB_DEFAULTS: Record<ListId, Record<string, string>> = {
  workorders: { open: 'true' },
  outages: { active: 'true' },
  agents: {},
  queues: {},
  supervisions: {},
}

export interface Drill {
  list: ListId
  filters: Record<string, string>
  offset: number
  /** `workorder:<id>`, `outage:<id>` or `call:<id>`: the timeline on screen; `supervision:<id>`: the order on screen. */
  detail: string | null
}

export function drillFromSearch(search: URLSearchParams): Drill {
  const asked = search.get('list')
  const list = (LISTS as readonly string[]).includes(asked ?? '') ? (asked as ListId) : 'workorders'
  const filters: Record<string, string> = {}
  for (const key of FILTERS[list]) {
    const value = search.get(key)
    if (value !== null && value !== '') filters[key] = value
  }
  const offset = Math.max(0, Math.floor(Number(search.get('offset') ?? 0)) || 0)
  return { list, filters, offset, detail: search.get('detail') }
}

/** The address's query for a drill, keeping the language it was opened in. */
export function searchOf(drill: Drill, current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams()
  const lang = current.get('lang')
  if (lang) next.set('lang', lang)
  next.set('list', drill.list)
  for (const [k, v] of Object.entries(drill.filters)) next.set(k, v)
  if (drill.offset > 0) next.set('offset', String(drill.offset))
  if (drill.detail) next.set('detail', drill.detail)
  return next
}

/** The list behind a KPI, and the filters that select what it counts. */
const KPI_DRILL: Partial<Record<KpiId, { list: ListId; filters: Record<string, string> }>> = {
  workorders_overdue_now: { list: 'workorders', filters: { overdue: 'true' } },
  workorders_at_risk_now: { list: 'workorders', filters: { at_risk: 'true' } },
  workorders_open_now: { list: 'workorders', filters: { open: 'true' } },
  on_time_arrival_rate: { list: 'workorders', filters: { category: 'fault_repair' } },
  avg_repair_minutes: { list: 'workorders', filters: { category: 'fault_repair' } },
  complaint_rate_permille: { list: 'workorders', filters: { category: 'complaint' } },
  escalated_per_million: { list: 'workorders', filters: { category: 'complaint' } },
  callback_timeliness: { list: 'workorders', filters: { status: 'resolved' } },
  outages_active: { list: 'outages', filters: { active: 'true' } },
  customers_affected_now: { list: 'outages', filters: { active: 'true' } },
  etr_overrun_now: { list: 'outages', filters: { etr_overrun: 'true' } },
  notification_coverage: { list: 'outages', filters: {} },
  timely_notification_rate: { list: 'outages', filters: {} },
  mttr_minutes: { list: 'outages', filters: { active: 'false' } },
  agents_by_state: { list: 'agents', filters: { sort: 'longest' } },
  occupancy: { list: 'agents', filters: {} },
  supervision_timeliness: { list: 'supervisions', filters: {} },
}

/** Where a KPI leads, narrowed to a breakdown cell (region, category, team, outage kind); call KPIs lead to the queues. */
export function drillForKpi(kpi: string, cell: { by: string; key: string } | null = null): Drill {
  const target = KPI_DRILL[kpi as KpiId] ?? { list: 'queues' as const, filters: {} }
  const filters = { ...target.filters }
  if (cell) {
    const key = cell.by === 'outage_kind' ? 'kind' : cell.by
    if (FILTERS[target.list].includes(key)) filters[key] = cell.key
  }
  return { list: target.list, filters, offset: 0, detail: null }
}
