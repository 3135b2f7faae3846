// Open work orders now, from `workorders_open FINAL` (a closed order is a
// deletion marker there, so the table holds open orders only, however much
// history is kept), judged by the one SLA module (server/sla/workorder-sla.ts):
// counts by region, category and status, and the most urgent orders. One
// GROUP BY gives the counts and, per group, the urgent orders (usually a
// handful) as raw rows that this module ranks.
import type { ClickHouseClient } from '@clickhouse/client'
import type { WorkorderBrief } from '../../schemas/snapshot.ts'
import { chTime, msFromCh } from '../../core/time-format.ts'
import { AT_RISK_SQL, OVERDUE_SQL, SLA_COLUMNS, judgeOrder, type SlaRow } from '../sla/workorder-sla.ts'

export interface OpenGroup {
  region: string
  category: string
  status: string
  open: number
  overdue: number
  at_risk: number
}

export interface OpenOrders {
  groups: OpenGroup[]
  /** The most urgent first: the earliest (most passed, or nearest) deadline. */
  overdue: WorkorderBrief[]
  at_risk: WorkorderBrief[]
}

// The columns an urgent order comes back with, in this order.
const URGENT_COLUMNS = ['workorder_id', 'priority', 'team', ...SLA_COLUMNS]

/**
 * Open orders counted by region, category and status (open, overdue, at
 * risk), and the `limit` most urgent overdue and at-risk orders, in one scan.
 */
export async function readOpenOrders(
  client: ClickHouseClient,
  now: number,
  fraction: number,
  region: string | null,
  limit: number,
): Promise<OpenOrders> {
  const params: Record<string, string | number> = { now: chTime(now), fraction }
  if (region !== null) params.region = region
  const result = await client.query({
    query: `SELECT region, category, status, count(), countIf(o), countIf(r),
        groupArrayIf((${URGENT_COLUMNS.join(', ')}), o OR r)
      FROM (
        SELECT *, ${OVERDUE_SQL} AS o, ${AT_RISK_SQL} AS r
        FROM workorders_open FINAL${region === null ? '' : ' WHERE region = {region:String}'}
      )
      GROUP BY region, category, status`,
    query_params: params,
    format: 'JSONCompactEachRow',
  })
  type Row = [string, string, string, number | string, number | string, number | string, Array<Array<string | null>>]
  const groups: OpenGroup[] = []
  const judged: Array<{ brief: WorkorderBrief; due: number }> = []
  for (const [r, c, s, open, overdue, atRisk, urgent] of await result.json<Row>()) {
    groups.push({ region: r, category: c, status: s, open: Number(open), overdue: Number(overdue), at_risk: Number(atRisk) })
    for (const values of urgent) {
      const [id, priority, team, ...times] = values
      const row = Object.fromEntries(SLA_COLUMNS.map((col, i) => [col, msFromCh(times[i])])) as SlaRow
      const verdict = judgeOrder(row, now, fraction)
      if (!verdict) continue
      judged.push({
        due: verdict.due,
        brief: {
          workorder_id: String(id),
          region: r,
          category: c,
          priority: String(priority),
          status: s,
          team: String(team),
          created_at: row.created_at === null ? '' : new Date(row.created_at).toISOString(),
          due_at: new Date(verdict.due).toISOString(),
          milestone: verdict.milestone,
          overdue: verdict.overdue,
        },
      })
    }
  }
  judged.sort((a, b) => a.due - b.due || a.brief.workorder_id.localeCompare(b.brief.workorder_id))
  return {
    groups,
    overdue: judged.filter((j) => j.brief.overdue).slice(0, limit).map((j) => j.brief),
    at_risk: judged.filter((j) => !j.brief.overdue).slice(0, limit).map((j) => j.brief),
  }
}
