// The "now" figures of a tick, from the current-state readings: the values
// of the now KPIs per breakdown key, and the snapshot's `current` block
// (queue, agents by state, the largest outages, the most urgent orders).
import type { KpiId } from '../../schemas/kpis.ts'
import type { CurrentState } from '../../schemas/snapshot.ts'
import type { Territory } from '../../schemas/territory.ts'
import { agentsByState, agentsOnDutyByTeam, type AgentRow } from './agents-now.ts'
import { TOTAL, type Key } from './measures.ts'
import { outageNow, topActiveOutages, type OutageRow } from './outage-figures.ts'
import type { WaitingGroup } from './queue-now.ts'
import type { NowValues } from './snapshot-assembly.ts'
import type { OpenOrders } from './workorders-now.ts'

const TOP_OUTAGES = 20

export interface NowReadings {
  agents: AgentRow[]
  waiting: WaitingGroup[]
  outages: OutageRow[]
  openOrders: OpenOrders
  watermark: string | null
}

/** The value of every now KPI per breakdown key ('total', 'region:N', 'queue:fault', …). */
export function nowValues(at: number, r: NowReadings): NowValues {
  const values: NowValues = new Map()
  const set = (key: Key, id: KpiId, value: number | null) => {
    let row = values.get(key)
    if (!row) values.set(key, (row = {}))
    row[id] = value
  }
  const add = (key: Key, id: KpiId, n: number) => set(key, id, (values.get(key)?.[id] ?? 0) + n)

  const oldest = new Map<Key, number>()
  for (const g of r.waiting) {
    for (const key of [TOTAL, `region:${g.region}`, `queue:${g.queue}`]) {
      add(key, 'queue_now', g.waiting)
      oldest.set(key, Math.min(oldest.get(key) ?? Infinity, g.oldestOfferedAt))
    }
  }
  for (const [key, offeredAt] of oldest) set(key, 'longest_wait_now_seconds', Math.max(0, at - offeredAt) / 1000)

  const onDuty = agentsOnDutyByTeam(r.agents)
  set(TOTAL, 'agents_by_state', [...onDuty.values()].reduce((a, b) => a + b, 0))
  for (const [team, n] of onDuty) set(`team:${team}`, 'agents_by_state', n)

  for (const [key, f] of outageNow(r.outages, at)) {
    set(key, 'outages_active', f.outages_active)
    set(key, 'customers_affected_now', f.customers_affected_now)
    set(key, 'etr_overrun_now', f.etr_overrun_now)
  }

  for (const g of r.openOrders.groups) {
    for (const key of [TOTAL, `region:${g.region}`, `category:${g.category}`]) {
      add(key, 'workorders_open_now', g.open)
      add(key, 'workorders_overdue_now', g.overdue)
      add(key, 'workorders_at_risk_now', g.at_risk)
    }
  }
  return values
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
