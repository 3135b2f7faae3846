// The work order drill-down: current state from the entity tables, filtered
// and paged in ClickHouse. "Overdue" and "at risk" are judged by the one SLA
// module (server/sla/workorder-sla.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import { msFromCh } from '../../core/time-format.ts'
import { AT_RISK_KEY_SQL, OVERDUE_KEY_SQL, SLA_COLUMNS, judgeOrder, nearestPending, type SlaRow } from '../sla/workorder-sla.ts'
import { isoFromCh as iso } from './iso-time.ts'
import { queryPage } from './paged-query.ts'


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
// orders as the tile says (tests hold them to it), through the keys migration
// 015 stores with each row: comparing two integers with now, not evaluating
// the milestone conditions on every order of the history.
const SELECT = `
  SELECT workorder_id, region, category, priority, area_class, customer_tier, status, team, outage_id, call_id,
    dispatched_at, closed_at, reopened_count, escalated_level, supervised_count,
    ${SLA_COLUMNS.join(', ')},
    sla_next_due_ms AS due_ms, ${OVERDUE_KEY_SQL} AS is_overdue, ${AT_RISK_KEY_SQL} AS is_at_risk`

type RawRow = Omit<WorkorderRow, 'overdue' | 'at_risk' | 'due_at' | 'milestone'> &
  Record<(typeof SLA_COLUMNS)[number], string | null> & { due_ms: string | number | null; is_overdue: number; is_at_risk: number }

// Filters on a column an order rarely or never changes (its id, its outage,
// its call) and that few orders match: the ids whose rows match, read
// without FINAL, narrow the FINAL read to the key ranges of those ids (the
// tables are ordered by workorder_id) instead of every order of the history.
// Any row matching means the id may; the same condition after FINAL keeps
// only the orders whose newest row matches, so the answer is the same.
const NARROWING = new Set(['outage', 'call', 'q'])

export async function listWorkorders(
  client: ClickHouseClient,
  filter: WorkorderFilter,
  now: Date,
): Promise<{ total: number; items: WorkorderRow[] }> {
  const conditions: Array<[string, string]> = []
  if (filter.status !== undefined) conditions.push(['status', 'status = {status:String}'])
  if (filter.category !== undefined) conditions.push(['category', 'category = {category:String}'])
  if (filter.region !== undefined) conditions.push(['region', 'region = {region:String}'])
  if (filter.team !== undefined) conditions.push(['team', 'team = {team:String}'])
  if (filter.priority !== undefined) conditions.push(['priority', 'priority = {priority:String}'])
  if (filter.outage !== undefined) conditions.push(['outage', 'outage_id = {outage:String}'])
  if (filter.call !== undefined) conditions.push(['call', 'call_id = {call:String}'])
  if (filter.q !== undefined && filter.q !== '') conditions.push(['q', 'positionCaseInsensitive(workorder_id, {q:String}) > 0'])
  if (filter.open === false) conditions.push(['open', "status = 'closed'"])
  if (filter.overdue !== undefined) conditions.push(['overdue', filter.overdue ? OVERDUE_KEY_SQL : `NOT ${OVERDUE_KEY_SQL}`])
  if (filter.at_risk !== undefined) conditions.push(['at_risk', filter.at_risk ? AT_RISK_KEY_SQL : `NOT ${AT_RISK_KEY_SQL}`])
  // Open orders (and overdue / at risk, which only open orders can be) read
  // workorders_open, which holds no closed history however long it grows.
  const openOnly = filter.open === true || filter.overdue === true || filter.at_risk === true
  const table = openOnly ? 'workorders_open' : 'workorders'
  if (openOnly) conditions.push(['open', "status != 'closed'"])
  const narrowing = conditions.filter(([name]) => NARROWING.has(name)).map(([, sql]) => sql)
  const all = [
    ...(narrowing.length > 0 ? [`workorder_id IN (SELECT workorder_id FROM ${table} WHERE ${narrowing.join(' AND ')})`] : []),
    ...conditions.map(([, sql]) => sql),
  ]
  const where = all.length > 0 ? `WHERE ${all.join(' AND ')}` : ''
  const query_params = {
    now_ms: now.getTime(),
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
  const { rows, total } = await queryPage<RawRow>(client, {
    query: `${SELECT} FROM ${table} FINAL ${where}
      ORDER BY ${ORDER_BY[filter.sort ?? 'urgency']}, workorder_id
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    from: `FROM ${table} FINAL ${where}`,
    query_params,
  })
  return {
    total,
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
