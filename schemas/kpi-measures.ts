// The sums every KPI is a formula of (DOMAIN.md §2). Windowed KPIs are
// formulas of sums over a window (rollup rows, outage rows and agent
// intervals folded per period and breakdown key); "now" KPIs are formulas of
// the current state per breakdown key. Keeping the formulas pure functions
// of these records is what lets totals, breakdown cells and trend series
// share one definition (schemas/kpis.ts).

export const MEASURES = [
  // kpi_calls_1m. Calls count when they leave the queue: answered (and
  // within 20 s) and abandoned (and within 5 s, "short") are one cohort.
  'offered', 'ivr_completed', 'answered', 'answered_within_20s', 'answer_wait_ms', 'abandoned', 'abandoned_short',
  'ended', 'ended_fcr', 'handle_ms', 'surveys', 'surveys_satisfied',
  // kpi_workorders_1m, narrowed to the category each KPI is about
  'complaints_created', 'complaints_escalated', 'repairs_arrived_with_sla', 'repairs_arrived_on_time',
  'repairs_resolved', 'repair_ms',
  // kpi_callbacks_1m
  'callbacks_due', 'callbacks_on_time',
  // kpi_supervision_1m
  'supervisions_due', 'supervisions_replied_on_time',
  // kpi_occupancy_1m plus the open interval of each agent's current state
  'busy_ms', 'available_ms',
  // outages FINAL
  'outage_customers_started', 'outage_customers_notified', 'notices_required', 'notices_timely', 'outages_restored',
  'restore_ms',
] as const
export type Measure = (typeof MEASURES)[number]
export type Sums = Partial<Record<Measure, number>>

/** What the current state holds per breakdown key; a key without any is all zeros. */
export interface NowFigures {
  waiting: number
  /** Seconds the longest-waiting call has waited; 0 when nobody waits. */
  longest_wait_seconds: number
  agents_on_duty: number
  outages_active: number
  customers_affected: number
  etr_overrun: number
  workorders_open: number
  workorders_overdue: number
  workorders_at_risk: number
}

export const NO_FIGURES: Readonly<NowFigures> = {
  waiting: 0,
  longest_wait_seconds: 0,
  agents_on_duty: 0,
  outages_active: 0,
  customers_affected: 0,
  etr_overrun: 0,
  workorders_open: 0,
  workorders_overdue: 0,
  workorders_at_risk: 0,
}

/** A ratio whose denominator is zero (or, for inconsistent data, negative) is null, never NaN or 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null
}

/** A measure's sum, 0 when nothing was counted. */
export const sum = (s: Sums, m: Measure): number => s[m] ?? 0

/** A count per customers (per mille, per million), null when the customers are not known. */
export const perCustomers = (count: number, customers: number | null, unit: number): number | null =>
  customers === null ? null : ratio(count * unit, customers)
