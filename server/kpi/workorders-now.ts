// Open work orders now, from `workorders_open FINAL` (a closed order is a
// deletion marker there, so the table holds open orders only, however much
// history is kept). A deadline is pending until the event that meets it
// arrives: contact_due until contacted, arrive_due until arrived, resolve_due
// until resolved, callback_due until called back. An order is overdue while
// a pending deadline has passed, and at risk while it is not overdue and a
// pending deadline has less than `atRiskFraction` of its span left (span:
// from creation, or for the callback from resolution, to the deadline).
//
// Why the SQL is plain comparisons and the ranking is done here: with the
// embedded engine, planning a query costs more than running it on a few
// thousand rows, and it grows with the size of its expressions. So one
// GROUP BY with short conditions gives the counts and, per group, the urgent
// orders (usually a handful) as raw rows that this module ranks.
import type { ClickHouseClient } from '@clickhouse/client'
import type { WorkorderBrief } from '../../schemas/snapshot.ts'
import { chTime, msFromCh } from '../../core/time-format.ts'

const MILESTONES = [
  { name: 'contacted', due: 'contact_due', met: 'contacted_at', from: 'created_at' },
  { name: 'arrived', due: 'arrive_due', met: 'arrived_at', from: 'created_at' },
  { name: 'resolved', due: 'resolve_due', met: 'resolved_at', from: 'created_at' },
  { name: 'callback', due: 'callback_due', met: 'callback_at', from: 'resolved_at' },
] as const

const NOW = `{now:DateTime64(3, 'UTC')}`
// A NULL deadline or start makes a condition NULL: WHERE takes it as false,
// and the counts turn it into false with ifNull (so that NOT stays false).
const OVERDUE = MILESTONES.map((m) => `(${m.met} IS NULL AND ${m.due} < ${NOW})`).join(' OR ')
const AT_RISK = MILESTONES.map(
  (m) =>
    `(${m.met} IS NULL AND ${m.due} >= ${NOW} AND dateDiff('millisecond', ${NOW}, ${m.due}) < {fraction:Float64} * dateDiff('millisecond', ${m.from}, ${m.due}))`,
).join(' OR ')

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
const URGENT_COLUMNS = ['workorder_id', 'priority', 'team', 'created_at', 'resolved_at', ...MILESTONES.flatMap((m) => [m.due, m.met])]
type Urgent = Record<string, string | null>

/** The pending deadline that makes an order overdue (the most passed) or at risk (the nearest), or null. */
function judge(row: Urgent, now: number, fraction: number): { due: number; milestone: string; overdue: boolean } | null {
  let passed: { due: number; milestone: string } | null = null
  let closing: { due: number; milestone: string } | null = null
  for (const m of MILESTONES) {
    const due = msFromCh(row[m.due])
    const from = msFromCh(row[m.from])
    if (due === null || row[m.met] !== null) continue
    if (due < now) {
      if (!passed || due < passed.due) passed = { due, milestone: m.name }
    } else if (from !== null && due - now < fraction * (due - from)) {
      if (!closing || due < closing.due) closing = { due, milestone: m.name }
    }
  }
  if (passed) return { ...passed, overdue: true }
  return closing ? { ...closing, overdue: false } : null
}

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
    query: `SELECT region, category, status, count(), countIf(o), countIf(NOT o AND r),
        groupArrayIf((${URGENT_COLUMNS.join(', ')}), o OR r)
      FROM (
        SELECT *, ifNull(${OVERDUE}, 0) AS o, ifNull(${AT_RISK}, 0) AS r
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
      const row: Urgent = Object.fromEntries(URGENT_COLUMNS.map((col, i) => [col, values[i]]))
      const verdict = judge(row, now, fraction)
      if (!verdict) continue
      const created = msFromCh(row.created_at)
      judged.push({
        due: verdict.due,
        brief: {
          workorder_id: String(row.workorder_id),
          region: r,
          category: c,
          priority: String(row.priority),
          status: s,
          team: String(row.team),
          created_at: created === null ? '' : new Date(created).toISOString(),
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
