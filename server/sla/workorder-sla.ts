// The one judge of a work order's SLA (DOMAIN.md §1), for the KPIs, the
// drill-down lists and the alerts alike: a deadline is pending until the
// event that meets it arrives (contact_due until contacted, arrive_due until
// arrived, resolve_due until resolved, callback_due until called back); an
// order is overdue while a pending deadline has passed, and at risk while it
// is not overdue and a pending deadline has less than AT_RISK_FRACTION of its
// span left (span: from creation, or for the callback from resolution, to
// the deadline). The SQL conditions and the code below are built from the
// same milestone table; tests hold them to the same answers.
//
// The SQL is plain comparisons on purpose: with the embedded engine, planning
// a query costs more than running it on a few thousand rows, and it grows
// with the size of its expressions. Every condition reads the instant
// `{now:DateTime64(3, 'UTC')}` and the fraction `{fraction:Float64}`.

/**
 * At risk while less than this share of a pending deadline's span is left.
 * Migration 015 stores `sla_risk_from_ms` computed with it: a new value needs
 * a migration redefining that column (tests/workorder-sla-keys.test.ts fails
 * until then).
 */
export const AT_RISK_FRACTION = 0.2

export const MILESTONES = [
  { name: 'contacted', due: 'contact_due', met: 'contacted_at', from: 'created_at' },
  { name: 'arrived', due: 'arrive_due', met: 'arrived_at', from: 'created_at' },
  { name: 'resolved', due: 'resolve_due', met: 'resolved_at', from: 'created_at' },
  { name: 'callback', due: 'callback_due', met: 'callback_at', from: 'resolved_at' },
] as const
export type MilestoneName = (typeof MILESTONES)[number]['name']

const NOW = `{now:DateTime64(3, 'UTC')}`
const passed = (m: (typeof MILESTONES)[number]) => `(${m.met} IS NULL AND ${m.due} < ${NOW})`
const closing = (m: (typeof MILESTONES)[number]) =>
  `(${m.met} IS NULL AND ${m.due} >= ${NOW} AND dateDiff('millisecond', ${NOW}, ${m.due}) < {fraction:Float64} * dateDiff('millisecond', ${m.from}, ${m.due}))`

/**
 * True when the order row is overdue. A NULL deadline or start makes a term
 * NULL; ifNull turns the whole into false, so NOT of it stays meaningful.
 */
export const OVERDUE_SQL = `ifNull(${MILESTONES.map(passed).join(' OR ')}, 0)`
/** True when the order row is at risk (and not overdue). */
export const AT_RISK_SQL = `(NOT ${OVERDUE_SQL} AND ifNull(${MILESTONES.map(closing).join(' OR ')}, 0))`

/**
 * The earliest pending deadline of an order row in epoch ms, NULL when
 * nothing is pending: what lists sort by (the most passed first, then the
 * nearest).
 */
const NONE = '9223372036854775807'
export const NEAREST_DUE_MS_SQL = `nullIf(least(${MILESTONES.map((m) => `if(${m.met} IS NULL AND ${m.due} IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(${m.due})), ${NONE})`).join(', ')}), ${NONE})`

/**
 * The instant (epoch ms) from which an order row is at risk, NULL when no
 * pending deadline can be: the earliest over its pending milestones of
 * due − ceil(fraction × span) + 1, the first whole millisecond at which
 * `due − now < fraction × span` holds (the product is the same Float64 as in
 * AT_RISK_SQL, so the two agree to the millisecond). It does not depend on
 * now, so migration 015 stores it, and NEAREST_DUE_MS_SQL, as materialized
 * columns of the order tables (`sla_risk_from_ms`, `sla_next_due_ms`): the
 * lists then judge 100,000 orders by comparing two integers instead of
 * evaluating the milestone conditions on each (tests/workorder-sla-keys.test.ts
 * holds the stored columns to these expressions and to the conditions above).
 */
export function riskFromMsSql(fraction: number): string {
  const term = (m: (typeof MILESTONES)[number]) =>
    `if(${m.met} IS NULL AND ${m.due} IS NOT NULL AND ${m.from} IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(${m.due})) - toInt64(ceil(${fraction} * dateDiff('millisecond', assumeNotNull(${m.from}), assumeNotNull(${m.due})))) + 1, ${NONE})`
  return `nullIf(least(${MILESTONES.map(term).join(', ')}), ${NONE})`
}

/**
 * The same verdicts as OVERDUE_SQL and AT_RISK_SQL, read from the stored
 * columns with `{now_ms:Int64}` (now in epoch ms): overdue when the nearest
 * pending deadline has passed; at risk when none has and the order's risk
 * instant has come.
 */
export const OVERDUE_KEY_SQL = 'ifNull(sla_next_due_ms < {now_ms:Int64}, 0)'
export const AT_RISK_KEY_SQL = 'ifNull(sla_next_due_ms >= {now_ms:Int64} AND sla_risk_from_ms <= {now_ms:Int64}, 0)'

/** The columns judgeOrder reads, for a query that returns them. */
export const SLA_COLUMNS = [...new Set(MILESTONES.flatMap((m) => [m.due, m.met, m.from]))]

export type SlaRow = Record<(typeof SLA_COLUMNS)[number], number | null>

export interface SlaVerdict {
  /** The deadline that decides: the most passed pending one, or the nearest one at risk (epoch ms). */
  due: number
  milestone: MilestoneName
  overdue: boolean
}

/** The earliest pending deadline and its milestone, or null when nothing is pending. */
export function nearestPending(row: SlaRow): { due: number; milestone: MilestoneName } | null {
  let nearest: { due: number; milestone: MilestoneName } | null = null
  for (const m of MILESTONES) {
    const due = row[m.due]
    if (due !== null && row[m.met] === null && (!nearest || due < nearest.due)) nearest = { due, milestone: m.name }
  }
  return nearest
}

/** The verdict on one order whose columns are epoch ms (or null); null when it is neither overdue nor at risk. */
export function judgeOrder(row: SlaRow, now: number, fraction = AT_RISK_FRACTION): SlaVerdict | null {
  let passedDue: { due: number; milestone: MilestoneName } | null = null
  let closingDue: { due: number; milestone: MilestoneName } | null = null
  for (const m of MILESTONES) {
    const due = row[m.due]
    const from = row[m.from]
    if (due === null || row[m.met] !== null) continue
    if (due < now) {
      if (!passedDue || due < passedDue.due) passedDue = { due, milestone: m.name }
    } else if (from !== null && due - now < fraction * (due - from)) {
      if (!closingDue || due < closingDue.due) closingDue = { due, milestone: m.name }
    }
  }
  if (passedDue) return { ...passedDue, overdue: true }
  return closingDue ? { ...closingDue, overdue: false } : null
}
