// The agent drill-down: each agent's latest state (FINAL over the entity
// table), filtered and paged in ClickHouse.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../core/time-format.ts'
import { isoFromCh } from './iso-time.ts'

export interface AgentFilter {
  state?: string
  team?: string
  region?: string
  limit: number
  offset: number
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
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
  const query_params = {
    now: chTime(now.getTime()),
    state: filter.state ?? '',
    team: filter.team ?? '',
    region: filter.region ?? '',
    limit: filter.limit,
    offset: filter.offset,
  }
  const [items, count] = await Promise.all([
    client.query({
      query: `SELECT agent_id, team, region, state, reason, since,
          greatest(0, dateDiff('second', since, toDateTime64({now:String}, 3, 'UTC'))) AS state_seconds
        FROM agents FINAL ${where}
        ORDER BY team, agent_id
        LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params,
      format: 'JSONEachRow',
    }),
    client.query({ query: `SELECT count() AS n FROM agents FINAL ${where}`, query_params, format: 'JSONEachRow' }),
  ])
  const rows = await items.json<AgentRow>()
  const [counted] = await count.json<{ n: string }>()
  return {
    total: Number(counted?.n ?? 0),
    items: rows.map((r) => ({ ...r, since: isoFromCh(r.since), state_seconds: Number(r.state_seconds) })),
  }
}
