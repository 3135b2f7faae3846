// An agent's current state: the latest agent.state event by its own time.
// Each change closes the interval of the previous state, which the event row
// carries (prev_state, prev_since) for the time-weighted occupancy rollup.
import type { EventOf } from '../../schemas/events.ts'
import type { Enrichment } from '../event-row.ts'
import { chTime, msFromCh } from '../../core/time-format.ts'

export interface AgentState {
  agent_id: string
  team: string
  region: string
  state: string
  reason: string
  since: number
}

export function applyAgentEvent(s: AgentState | undefined, event: EventOf<'agent.state'>): { next: AgentState | undefined; enrichment: Enrichment } {
  const t = Date.parse(event.occurred_at)
  // An older event than the current state changes nothing: the state is the latest.
  if (s && t < s.since) return { next: undefined, enrichment: {} }
  const next: AgentState = {
    agent_id: event.agent_id,
    team: event.team,
    region: event.region,
    state: event.state,
    reason: event.reason ?? '',
    since: t,
  }
  return { next, enrichment: s ? { prev_state: s.state, prev_since: s.since } : {} }
}

// The version is the state's own time, so that the latest state wins however
// the rows arrive.
export function agentRow(s: AgentState): Record<string, unknown> {
  return { ...s, since: chTime(s.since), version: s.since }
}

export function agentFromRow(row: Record<string, unknown>): AgentState {
  return {
    agent_id: String(row.agent_id),
    team: String(row.team),
    region: String(row.region),
    state: String(row.state),
    reason: String(row.reason),
    since: msFromCh(row.since as string) ?? 0,
  }
}
