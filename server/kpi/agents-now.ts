// Agents from `agents FINAL` (the latest state per agent): the count by state
// now, and the open interval of each agent's current state, which the
// occupancy rollup cannot hold yet (kpi_occupancy_1m only gets an interval once
// the next state change closes it).
import type { ClickHouseClient } from '@clickhouse/client'
import { AGENT_STATES, type AgentState } from '../../schemas/events.ts'
import { msFromCh } from '../../core/time-format.ts'
import { TOTAL, type SumBook } from './measures.ts'
import { ceilMinute } from './kpi-periods.ts'

export interface AgentRow {
  region: string
  team: string
  state: string
  since: number
}

// The occupancy rollup caps an interval at 12 h (a forgotten logout); the
// open interval is capped the same way.
const MAX_INTERVAL_MS = 12 * 3_600_000

export async function readAgents(client: ClickHouseClient, region: string | null): Promise<AgentRow[]> {
  const result = await client.query({
    query: `SELECT region, team, state, since FROM agents FINAL${region === null ? '' : ' WHERE region = {region:String}'}`,
    query_params: region === null ? {} : { region },
    format: 'JSONCompactEachRow',
  })
  return (await result.json<[string, string, string, string]>()).map(([region, team, state, since]) => ({
    region,
    team,
    state,
    since: msFromCh(since) ?? 0,
  }))
}

export function agentsByState(rows: readonly AgentRow[]): Record<AgentState, number> {
  const counts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>
  for (const r of rows) if (r.state in counts) counts[r.state as AgentState] += 1
  return counts
}

/** Agents signed in (any state but offline), per team. */
export function agentsOnDutyByTeam(rows: readonly AgentRow[]): Map<string, number> {
  const byTeam = new Map<string, number>()
  for (const r of rows) if (r.state !== 'offline') byTeam.set(r.team, (byTeam.get(r.team) ?? 0) + 1)
  return byTeam
}

/**
 * Adds the part of each agent's current (open) busy or available interval
 * that falls in [lo, hi) to a book. `hi` is rounded up to the minute like the
 * rollup buckets the closed intervals come from.
 */
export function addOpenIntervals(book: SumBook, rows: readonly AgentRow[], lo: number, hi: number, now: number): void {
  const end = ceilMinute(hi)
  for (const r of rows) {
    const kind = r.state === 'available' ? 'available_ms' : r.state === 'on_call' || r.state === 'wrap_up' ? 'busy_ms' : null
    if (kind === null) continue
    const overlap = Math.min(end, now, r.since + MAX_INTERVAL_MS) - Math.max(lo, r.since)
    if (overlap <= 0) continue
    for (const key of [TOTAL, `region:${r.region}`, `team:${r.team}`] as const) book.add(key, { [kind]: overlap })
  }
}
