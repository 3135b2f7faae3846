// What an order is issued on, as ClickHouse knows it: its region (where the
// order counts), the team a work order was dispatched to (the default
// addressee) and the default reply deadline (DOMAIN.md §4: 2 h; 1 h for
// complaints). Alerts live in the alerting engine's store, which is not on
// this branch yet: an order on an alert names its team and counts in the
// center's own region.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SupervisionTargetType } from '../../schemas/events.ts'

export const DEFAULT_DUE_MINUTES = 120
export const COMPLAINT_DUE_MINUTES = 60

export interface Target {
  region: string
  /** The team it is with, when known. */
  team: string | null
  defaultDueMinutes: number
}

export class TargetNotFoundError extends Error {
  override name = 'TargetNotFoundError'
}

async function one(client: ClickHouseClient, query: string, id: string): Promise<Record<string, string> | undefined> {
  const result = await client.query({ query, query_params: { id }, format: 'JSONEachRow' })
  const [row] = await result.json<Record<string, string>>()
  return row
}

export async function findTarget(client: ClickHouseClient, type: SupervisionTargetType, id: string, centerRegion: string): Promise<Target> {
  if (type === 'workorder') {
    const row = await one(client, 'SELECT region, team, category FROM workorders FINAL WHERE workorder_id = {id:String}', id)
    if (!row) throw new TargetNotFoundError(`no work order ${id}`)
    return { region: row.region, team: row.team || null, defaultDueMinutes: row.category === 'complaint' ? COMPLAINT_DUE_MINUTES : DEFAULT_DUE_MINUTES }
  }
  if (type === 'outage') {
    const row = await one(client, 'SELECT region FROM outages FINAL WHERE outage_id = {id:String}', id)
    if (!row) throw new TargetNotFoundError(`no outage ${id}`)
    return { region: row.region, team: null, defaultDueMinutes: DEFAULT_DUE_MINUTES }
  }
  return { region: centerRegion, team: null, defaultDueMinutes: DEFAULT_DUE_MINUTES }
}
