// The work order drill-down: current state from the entity tables, filtered
// and paged in ClickHouse. "Open", "overdue" and "at risk" follow DOMAIN.md §1:
// a deadline is pending until the event that meets it arrives; an order is
// overdue while a pending deadline has passed, and at risk while less than
// AT_RISK_FRACTION of a pending deadline's span is left.
import type { ClickHouseClient } from '@clickhouse/client'
import { isoFromCh as iso } from './iso-time.ts'

/** DOMAIN.md §1: at risk while less than 20% of the deadline's span is left. */
export const AT_RISK_FRACTION = 0.2

export interface WorkorderFilter {
  status?: string
  category?: string
  region?: string
  team?: string
  open?: boolean
  overdue?: boolean
  at_risk?: boolean
  limit: number
  offset: number
}

export interface WorkorderRow {
  workorder_id: string
  region: string
  category: string
  priority: string
  area_class: string
  customer_tier: string
  status: string
  team: string
  outage_id: string
  call_id: string
  created_at: string | null
  dispatched_at: string | null
  arrived_at: string | null
  resolved_at: string | null
  closed_at: string | null
  reopened_count: number
  escalated_level: string
  supervised_count: number
  /** The pending deadline nearest to breach (or most overdue), and its milestone. */
  due_at: string | null
  milestone: string | null
  overdue: boolean
  at_risk: boolean
}

// The same judgement as the KPI engine's (server/kpi/workorders-now.ts), so
// that the list behind a tile holds as many orders as the tile says: each
// pending deadline as (due ms, milestone, span ms); overdue once a due time
// has passed, at risk when not overdue and a due time is within its span's
// fraction.
const ms = (column: string) => `toUnixTimestamp64Milli(assumeNotNull(${column}))`
const pending = (due: string, metAt: string, milestone: string, from: string) =>
  `if(${due} IS NOT NULL AND ${metAt} IS NULL AND ${from} IS NOT NULL, [(${ms(due)}, '${milestone}', ${ms(due)} - ${ms(from)})], [])`

const SELECT = `
  WITH arrayConcat(
      ${pending('contact_due', 'contacted_at', 'contacted', 'created_at')},
      ${pending('arrive_due', 'arrived_at', 'arrived', 'created_at')},
      ${pending('resolve_due', 'resolved_at', 'resolved', 'created_at')},
      ${pending('callback_due', 'callback_at', 'callback', 'resolved_at')}
    ) AS pending,
    notEmpty(arrayFilter(d -> d.1 < {now_ms:Int64}, pending)) AS is_overdue,
    NOT is_overdue AND notEmpty(arrayFilter(d -> d.1 >= {now_ms:Int64} AND d.1 - {now_ms:Int64} < {fraction:Float64} * d.3, pending)) AS is_at_risk,
    arraySort(d -> d.1, pending) AS by_due
  SELECT workorder_id, region, category, priority, area_class, customer_tier, status, team, outage_id, call_id,
    created_at, dispatched_at, arrived_at, resolved_at, closed_at, reopened_count, escalated_level, supervised_count,
    if(empty(by_due), NULL, by_due[1].1) AS due_ms,
    if(empty(by_due), NULL, by_due[1].2) AS milestone,
    is_overdue, is_at_risk`

interface RawRow extends Omit<WorkorderRow, 'overdue' | 'at_risk' | 'due_at'> {
  due_ms: string | number | null
  is_overdue: number
  is_at_risk: number
}

export async function listWorkorders(
  client: ClickHouseClient,
  filter: WorkorderFilter,
  now: Date,
): Promise<{ total: number; items: WorkorderRow[] }> {
  const conditions: string[] = []
  if (filter.status !== undefined) conditions.push('status = {status:String}')
  if (filter.category !== undefined) conditions.push('category = {category:String}')
  if (filter.region !== undefined) conditions.push('region = {region:String}')
  if (filter.team !== undefined) conditions.push('team = {team:String}')
  if (filter.open === false) conditions.push("status = 'closed'")
  if (filter.overdue !== undefined) conditions.push(filter.overdue ? 'is_overdue' : 'NOT is_overdue')
  if (filter.at_risk !== undefined) conditions.push(filter.at_risk ? 'is_at_risk' : 'NOT is_at_risk')
  // Open orders (and overdue / at risk, which only open orders can be) read
  // workorders_open, which holds no closed history however long it grows.
  const openOnly = filter.open === true || filter.overdue === true || filter.at_risk === true
  const table = openOnly ? 'workorders_open' : 'workorders'
  if (openOnly) conditions.push("status != 'closed'")
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
  const query_params = {
    now_ms: now.getTime(),
    fraction: AT_RISK_FRACTION,
    status: filter.status ?? '',
    category: filter.category ?? '',
    region: filter.region ?? '',
    team: filter.team ?? '',
    limit: filter.limit,
    offset: filter.offset,
  }
  const [items, count] = await Promise.all([
    client.query({
      query: `${SELECT} FROM ${table} FINAL ${where}
        ORDER BY is_overdue DESC, is_at_risk DESC, due_ms ASC NULLS LAST, created_at DESC, workorder_id
        LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params,
      format: 'JSONEachRow',
    }),
    client.query({ query: `SELECT count() AS n FROM (${SELECT} FROM ${table} FINAL ${where})`, query_params, format: 'JSONEachRow' }),
  ])
  const rows = await items.json<RawRow>()
  const [counted] = await count.json<{ n: string }>()
  return {
    total: Number(counted?.n ?? 0),
    items: rows.map(({ is_overdue, is_at_risk, due_ms, ...r }) => ({
      ...r,
      created_at: iso(r.created_at),
      dispatched_at: iso(r.dispatched_at),
      arrived_at: iso(r.arrived_at),
      resolved_at: iso(r.resolved_at),
      closed_at: iso(r.closed_at),
      due_at: due_ms === null ? null : new Date(Number(due_ms)).toISOString(),
      reopened_count: Number(r.reopened_count),
      supervised_count: Number(r.supervised_count),
      overdue: Number(is_overdue) === 1,
      at_risk: Number(is_at_risk) === 1,
    })),
  }
}
