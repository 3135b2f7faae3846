// The "now" figures of a tick, from the current-state readings: the figures
// every now KPI is a formula of, per breakdown key (schemas/kpi-measures.ts),
// and the snapshot's `current` block (queue, agents by state, the largest
// outages, the most urgent orders).
import type { NowFigures } from '../../schemas/kpi-measures.ts'
import type { CurrentState } from '../../schemas/snapshot.ts'
import type { Territory } from '../../schemas/territory.ts'
import { agentsByState, agentsOnDutyByTeam, type AgentRow } from './agents-now.ts'
import { TOTAL, type Key } from './measures.ts'
import { etrOverrun, isActive } from '../sla/outage-state.ts'
import { topActiveOutages, type OutageRow } from './outage-figures.ts'
import type { WaitingGroup } from './queue-now.ts'
import type { OpenOrders } from './workorders-now.ts'

const TOP_OUTAGES = 20

export interface NowReadings {
  agents: AgentRow[]
  waiting: WaitingGroup[]
  outages: OutageRow[]
  openOrders: OpenOrders
  watermark: string | null
}

export type NowBook = Map<Key, NowFigures>

/** The current-state figures per breakdown key ('total', 'region:N', 'queue:fault', …). */
export function nowFigures(at: number, r: NowReadings): NowBook {
  const book: NowBook = new Map()
  const figuresOf = (key: Key): NowFigures => {
    let f = book.get(key)
    if (!f) {
      f = { waiting: 0, longest_wait_seconds: 0, agents_on_duty: 0, outages_active: 0, customers_affected: 0, etr_overrun: 0, workorders_open: 0, workorders_overdue: 0, workorders_at_risk: 0 }
      book.set(key, f)
    }
    return f
  }
  figuresOf(TOTAL)
  for (const g of r.waiting) {
    const wait = Math.max(0, at - g.oldestOfferedAt) / 1000
    for (const key of [TOTAL, `region:${g.region}`, `queue:${g.queue}`]) {
      const f = figuresOf(key)
      f.waiting += g.waiting
      f.longest_wait_seconds = Math.max(f.longest_wait_seconds, wait)
    }
  }
  for (const [team, n] of agentsOnDutyByTeam(r.agents)) {
    figuresOf(TOTAL).agents_on_duty += n
    figuresOf(`team:${team}`).agents_on_duty += n
  }
  for (const o of r.outages) {
    if (!isActive(o, at)) continue
    for (const key of [TOTAL, `region:${o.region}`, `outage_kind:${o.kind}`]) {
      const f = figuresOf(key)
      f.outages_active += 1
      f.customers_affected += o.customers_affected
      if (etrOverrun(o, at)) f.etr_overrun += 1
    }
  }
  for (const g of r.openOrders.groups) {
    for (const key of [TOTAL, `region:${g.region}`, `category:${g.category}`]) {
      const f = figuresOf(key)
      f.workorders_open += g.open
      f.workorders_overdue += g.overdue
      f.workorders_at_risk += g.at_risk
    }
  }
  return book
}

/** The snapshot's `current` block; every queue of the territory is listed, waiting or not. */
export function currentState(at: number, r: NowReadings, territory: Territory): CurrentState {
  const byQueue: CurrentState['queue']['by_queue'] = {}
  for (const q of territory.queues) byQueue[q.code] = { waiting: 0, longest_wait_seconds: null }
  let waiting = 0
  let oldest = Infinity
  for (const g of r.waiting) {
    const entry = (byQueue[g.queue] ??= { waiting: 0, longest_wait_seconds: null })
    entry.waiting += g.waiting
    const wait = Math.max(0, at - g.oldestOfferedAt) / 1000
    entry.longest_wait_seconds = Math.max(entry.longest_wait_seconds ?? 0, wait)
    waiting += g.waiting
    oldest = Math.min(oldest, g.oldestOfferedAt)
  }
  const openByCategoryStatus: Record<string, Record<string, number>> = {}
  for (const g of r.openOrders.groups) {
    const row = (openByCategoryStatus[g.category] ??= {})
    row[g.status] = (row[g.status] ?? 0) + g.open
  }
  return {
    queue: {
      waiting,
      longest_wait_seconds: oldest === Infinity ? null : Math.max(0, at - oldest) / 1000,
      by_queue: byQueue,
    },
    agents_by_state: agentsByState(r.agents),
    outages: topActiveOutages(r.outages, at, TOP_OUTAGES),
    workorders: { open_by_category_status: openByCategoryStatus, overdue: r.openOrders.overdue, at_risk: r.openOrders.at_risk },
  }
}
