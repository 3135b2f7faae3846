// The agent drill-down: each agent's latest state (FINAL over the entity
// table), filtered and paged in ClickHouse.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../core/time-format.ts'
import { isoFromCh } from './iso-time.ts'
import { queryPage } from './paged-query.ts'

export interface AgentFilter {
  state?: string
  team?: string
  region?: string
  /** Part of an agent id, any case. */
  q?: string
  sort?: AgentSort
  limit: number
  offset: number
}

/** team: by team and id (the default); longest: the longest in their state first. */
export const AGENT_SORTS = ['team', 'longest'] as const
export type AgentSort = (typeof AGENT_SORTS)[number]

const ORDER_BY: Record<AgentSort, string> = {
  team: 'team, agent_id',
  longest: 'since ASC NULLS LAST, agent_id',
}

export interface AgentRow {
  agent_id: string
  team: string
  region: string
  state: string
  reason: string
  since: string | null
  /** How long the agent has been in this state. */
  state_seconds: number
}

export async function listAgents(
  client: ClickHouseClient,
  filter: AgentFilter,
  now: Date,
): Promise<{ total: number; items: AgentRow[] }> {
  const conditions: string[] = []
  if (filter.state !== undefined) conditions.push('state = {state:String}')
  if (filter.team !== undefined) conditions.push('team = {team:String}')
  if (filter.region !== undefined) conditions.push('region = {region:String}')
  if (filter.q !== undefined && filter.q !== '') conditions.push('positionCaseInsensitive(agent_id, {q:String}) > 0')
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
  const query_params = {
    now: chTime(now.getTime()),
    state: filter.state ?? '',
    team: filter.team ?? '',
    region: filter.region ?? '',
    q: filter.q ?? '',
    limit: filter.limit,
    offset: filter.offset,
  }
  const { rows, total } = await queryPage<AgentRow>(client, {
    query: `SELECT agent_id, team, region, state, reason, since,
        greatest(0, dateDiff('second', since, toDateTime64({now:String}, 3, 'UTC'))) AS state_seconds
      FROM agents FINAL ${where}
      ORDER BY ${ORDER_BY[filter.sort ?? 'team']}
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    from: `FROM agents FINAL ${where}`,
    query_params,
  })
  return {
    total,
    items: rows.map((r) => ({ ...r, since: isoFromCh(r.since), state_seconds: Number(r.state_seconds) })),
  }
}
