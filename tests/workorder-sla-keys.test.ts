// The SLA keys migration 015 stores with each order row (sla_next_due_ms,
// sla_risk_from_ms) against the one SLA module: for orders pending at every
// milestone, met, without a start, and at the very millisecond a deadline
// turns at risk or passes, the stored keys give the verdicts of OVERDUE_SQL,
// AT_RISK_SQL and judgeOrder, and hold the module's own expressions. Rows
// reach workorders_open through its view, so the keys are checked there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chTimeOrNull } from '../core/time-format.ts'
import {
  AT_RISK_FRACTION, AT_RISK_KEY_SQL, AT_RISK_SQL, NEAREST_DUE_MS_SQL, OVERDUE_KEY_SQL, OVERDUE_SQL, SLA_COLUMNS,
  judgeOrder, riskFromMsSql, type SlaRow,
} from '../server/sla/workorder-sla.ts'
import { openTempStorage, queryRows } from './support/temp-storage.ts'

type Storage = Awaited<ReturnType<typeof openTempStorage>>
let storage: Storage

const T0 = Date.UTC(2030, 0, 10, 3, 0, 0)
const MIN = 60_000
type Order = { id: string } & Partial<SlaRow>

// Spans whose fifth is a whole millisecond (60 min) and is not (7 ms, 61 min
// + 3 ms), a row pending at each milestone, met ones, one without a start.
const orders: Order[] = [
  { id: 'contact-60', created_at: T0, contact_due: T0 + 60 * MIN },
  { id: 'arrive-odd', created_at: T0, arrive_due: T0 + 61 * MIN + 3 },
  { id: 'resolve-7ms', created_at: T0, resolve_due: T0 + 7 },
  { id: 'two-pending', created_at: T0, contact_due: T0 + 30 * MIN, resolve_due: T0 + 240 * MIN },
  { id: 'met', created_at: T0, contact_due: T0 + 30 * MIN, contacted_at: T0 + 5 * MIN, arrive_due: T0 + 90 * MIN },
  { id: 'callback', created_at: T0, resolve_due: T0 + 60 * MIN, resolved_at: T0 + 50 * MIN, callback_due: T0 + 170 * MIN },
  { id: 'callback-unresolved', created_at: T0, callback_due: T0 + 170 * MIN },
  { id: 'no-start', contact_due: T0 + 60 * MIN },
  { id: 'nothing-pending', created_at: T0, contact_due: T0 + 60 * MIN, contacted_at: T0 + MIN },
  { id: 'no-deadline', created_at: T0 },
]

// Every instant where a verdict may change, and one millisecond either side.
const instants = [
  ...new Set(
    orders.flatMap((o) =>
      SLA_COLUMNS.filter((c) => c.endsWith('_due')).flatMap((c) => {
        const due = o[c]
        if (due === undefined || due === null) return []
        const from = (c === 'callback_due' ? o.resolved_at : o.created_at) ?? T0
        const riskFrom = due - Math.ceil(AT_RISK_FRACTION * (due - from)) + 1
        return [riskFrom - 1, riskFrom, riskFrom + 1, due - 1, due, due + 1]
      }),
    ),
  ),
  T0 - MIN,
].sort((a, b) => a - b)

beforeAll(async () => {
  storage = await openTempStorage()
  await storage.client.insert({
    table: 'workorders',
    values: orders.map((o, i) => ({
      workorder_id: o.id,
      status: 'created',
      ...Object.fromEntries(SLA_COLUMNS.map((c) => [c, chTimeOrNull(o[c] ?? null)])),
      updated_at: chTimeOrNull(T0),
      version: i + 1,
    })),
    format: 'JSONEachRow',
  })
})
afterAll(async () => {
  await storage.destroy()
})

describe('stored work order SLA keys', () => {
  it.each(['workorders', 'workorders_open'])('in %s hold the SLA module’s expressions', async (table) => {
    const rows = await queryRows<{ id: string; next_same: number; risk_same: number }>(
      storage,
      `SELECT workorder_id AS id,
         sla_next_due_ms IS NOT DISTINCT FROM ${NEAREST_DUE_MS_SQL} AS next_same,
         sla_risk_from_ms IS NOT DISTINCT FROM ${riskFromMsSql(AT_RISK_FRACTION)} AS risk_same
       FROM ${table} FINAL ORDER BY id`,
    )
    expect(rows).toHaveLength(orders.length)
    expect(rows.filter((r) => Number(r.next_same) !== 1 || Number(r.risk_same) !== 1)).toEqual([])
  })

  it.each(['workorders', 'workorders_open'])('in %s judge as the milestone conditions and judgeOrder do, to the millisecond', async (table) => {
    const disagreements: string[] = []
    let judged = { overdue: 0, atRisk: 0 }
    for (const now of instants) {
      const rows = await queryRows<{ id: string; overdue: number; at_risk: number; overdue_key: number; at_risk_key: number }>(
        storage,
        `SELECT workorder_id AS id, ${OVERDUE_SQL} AS overdue, ${AT_RISK_SQL} AS at_risk, ${OVERDUE_KEY_SQL} AS overdue_key, ${AT_RISK_KEY_SQL} AS at_risk_key
         FROM ${table} FINAL ORDER BY id`,
        { now: chTimeOrNull(now), now_ms: now, fraction: AT_RISK_FRACTION },
      )
      for (const r of rows) {
        const order = orders.find((o) => o.id === r.id)!
        const verdict = judgeOrder(Object.fromEntries(SLA_COLUMNS.map((c) => [c, order[c] ?? null])) as SlaRow, now)
        const expected = { overdue: verdict?.overdue === true, at_risk: verdict?.overdue === false }
        const sql = { overdue: Number(r.overdue) === 1, at_risk: Number(r.at_risk) === 1 }
        const keys = { overdue: Number(r.overdue_key) === 1, at_risk: Number(r.at_risk_key) === 1 }
        if (JSON.stringify(sql) !== JSON.stringify(expected) || JSON.stringify(keys) !== JSON.stringify(expected)) {
          disagreements.push(`${r.id} at T0${now - T0 >= 0 ? '+' : ''}${now - T0} ms: judgeOrder ${JSON.stringify(expected)}, SQL ${JSON.stringify(sql)}, keys ${JSON.stringify(keys)}`)
        }
        judged = { overdue: judged.overdue + Number(keys.overdue), atRisk: judged.atRisk + Number(keys.at_risk) }
      }
    }
    expect(disagreements).toEqual([])
    // The instants reach both verdicts, so agreeing means something.
    expect(judged.overdue).toBeGreaterThan(0)
    expect(judged.atRisk).toBeGreaterThan(0)
  })
})
