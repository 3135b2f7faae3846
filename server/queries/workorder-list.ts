// The work order drill-down: current state from the entity tables, filtered
// and paged in ClickHouse. "Overdue" and "at risk" are judged by the one SLA
// module (server/sla/workorder-sla.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'
import { AT_RISK_FRACTION, AT_RISK_SQL, NEAREST_DUE_MS_SQL, OVERDUE_SQL, SLA_COLUMNS, judgeOrder, nearestPending, type SlaRow } from '../sla/workorder-sla.ts'
import { isoFromCh as iso } from './iso-time.ts'


export interface WorkorderFilter {
  status?: string
  category?: string
  region?: string
  team?: string
  open?: boolean
  overdue?: boolean
  at_risk?: boolean
  priority?: string
  /** Orders raised about this outage. */
  outage?: string
  /** Orders raised from this call (their `workorder.created` carried its call_id). */
  call?: string
  /** Part of a work order id, any case. */
  q?: string
  sort?: WorkorderSort
  limit: number
  offset: number
}

/** urgency: overdue, then at risk, then the nearest deadline (the default); due: the nearest deadline first; created: newest or oldest first. */
export const WORKORDER_SORTS = ['urgency', 'due', 'created_desc', 'created_asc'] as const
export type WorkorderSort = (typeof WORKORDER_SORTS)[number]

const ORDER_BY: Record<WorkorderSort, string> = {
  urgency: 'is_overdue DESC, is_at_risk DESC, due_ms ASC NULLS LAST, created_at DESC',
  due: 'due_ms ASC NULLS LAST, created_at DESC',
  created_desc: 'created_at DESC',
  created_asc: 'created_at ASC',
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
  /** due_at − now as the server judged it: time left when positive, overdue by when negative. */
  sla_left_ms: number | null
  overdue: boolean
  at_risk: boolean
}

// Judged by the one SLA module, so that the list behind a tile holds as many
// orders as the tile says (tests hold them to it).
const SELECT = `
  SELECT workorder_id, region, category, priority, area_class, customer_tier, status, team, outage_id, call_id,
    dispatched_at, closed_at, reopened_count, escalated_level, supervised_count,
    ${SLA_COLUMNS.join(', ')},
    ${NEAREST_DUE_MS_SQL} AS due_ms, ${OVERDUE_SQL} AS is_overdue, ${AT_RISK_SQL} AS is_at_risk`

type RawRow = Omit<WorkorderRow, 'overdue' | 'at_risk' | 'due_at' | 'milestone'> &
  Record<(typeof SLA_COLUMNS)[number], string | null> & { due_ms: string | number | null; is_overdue: number; is_at_risk: number }

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
  if (filter.priority !== undefined) conditions.push('priority = {priority:String}')
  if (filter.outage !== undefined) conditions.push('outage_id = {outage:String}')
  if (filter.call !== undefined) conditions.push('call_id = {call:String}')
  if (filter.q !== undefined && filter.q !== '') conditions.push('positionCaseInsensitive(workorder_id, {q:String}) > 0')
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
    now: chTime(now.getTime()),
    fraction: AT_RISK_FRACTION,
    status: filter.status ?? '',
    category: filter.category ?? '',
    region: filter.region ?? '',
    team: filter.team ?? '',
    priority: filter.priority ?? '',
    outage: filter.outage ?? '',
    call: filter.call ?? '',
    q: filter.q ?? '',
    limit: filter.limit,
    offset: filter.offset,
  }
  const [items, count] = await Promise.all([
    client.query({
      query: `${SELECT} FROM ${table} FINAL ${where}
        ORDER BY ${ORDER_BY[filter.sort ?? 'urgency']}, workorder_id
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
    items: rows.map((r) => {
      const sla = Object.fromEntries(SLA_COLUMNS.map((c) => [c, msFromCh(r[c])])) as SlaRow
      // The deadline that makes it overdue or at risk, else the nearest pending one.
      const decisive = judgeOrder(sla, now.getTime()) ?? nearestPending(sla)
      return {
        workorder_id: r.workorder_id,
        region: r.region,
        category: r.category,
        priority: r.priority,
        area_class: r.area_class,
        customer_tier: r.customer_tier,
        status: r.status,
        team: r.team,
        outage_id: r.outage_id,
        call_id: r.call_id,
        created_at: iso(r.created_at),
        dispatched_at: iso(r.dispatched_at),
        arrived_at: iso(r.arrived_at),
        resolved_at: iso(r.resolved_at),
        closed_at: iso(r.closed_at),
        reopened_count: Number(r.reopened_count),
        escalated_level: r.escalated_level,
        supervised_count: Number(r.supervised_count),
        due_at: decisive === null ? null : new Date(decisive.due).toISOString(),
        milestone: decisive?.milestone ?? null,
        sla_left_ms: decisive === null ? null : decisive.due - now.getTime(),
        overdue: Number(r.is_overdue) === 1,
        at_risk: Number(r.is_at_risk) === 1,
      }
    }),
  }
}
