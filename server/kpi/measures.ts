// The sums every windowed KPI is a formula of, and the formulas (DOMAIN.md
// §2). Rollup rows, outage rows and agent intervals are folded into sums per
// period and per breakdown key; a KPI value is then a pure function of one
// key's sums, so totals, breakdowns and trend series share one definition.
import type { KpiId } from '../../schemas/kpis.ts'

export const MEASURES = [
  // kpi_calls_1m
  'offered', 'ivr_completed', 'answered', 'answered_within_20s', 'answer_wait_ms', 'abandoned', 'abandoned_short',
  'ended', 'ended_fcr', 'handle_ms', 'surveys', 'surveys_satisfied',
  // kpi_workorders_1m, narrowed to the category each KPI is about
  'complaints_created', 'complaints_escalated', 'repairs_arrived_with_sla', 'repairs_arrived_on_time',
  'repairs_resolved', 'repair_ms',
  // kpi_callbacks_1m
  'callbacks_due', 'callbacks_on_time',
  // kpi_occupancy_1m plus the open interval of each agent's current state
  'busy_ms', 'available_ms',
  // outages FINAL
  'outage_customers_started', 'outage_customers_notified', 'notices_required', 'notices_timely', 'outages_restored',
  'restore_ms',
] as const
export type Measure = (typeof MEASURES)[number]
export type Sums = Partial<Record<Measure, number>>

/** A breakdown key: 'total', or '<dimension>:<value>' such as 'region:D01' or 'queue:fault'. */
export type Key = string
export const TOTAL: Key = 'total'

/** Sums per key, one book per period. */
export class SumBook {
  private readonly byKey = new Map<Key, Sums>()

  add(key: Key, sums: Sums): void {
    let target = this.byKey.get(key)
    if (!target) {
      target = {}
      this.byKey.set(key, target)
    }
    for (const m of Object.keys(sums) as Measure[]) target[m] = (target[m] ?? 0) + (sums[m] ?? 0)
  }

  get(key: Key): Sums {
    return this.byKey.get(key) ?? {}
  }

  keys(): Key[] {
    return [...this.byKey.keys()]
  }

  /** Copies another book's sums into this one. */
  merge(other: SumBook): void {
    for (const key of other.keys()) this.add(key, other.get(key))
  }
}

/** A ratio whose denominator is zero (or, for inconsistent data, negative) is null, never NaN or 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null
}

const v = (s: Sums, m: Measure) => s[m] ?? 0

type WindowedFormula = (s: Sums, customers: number | null) => number | null
const perCustomers = (count: number, customers: number | null, unit: number) =>
  customers === null ? null : ratio(count * unit, customers)

/** The formula of every windowed KPI. */
export const WINDOWED_FORMULAS: Partial<Record<KpiId, WindowedFormula>> = {
  calls_offered: (s) => v(s, 'offered'),
  ivr_self_service_rate: (s) => ratio(v(s, 'ivr_completed'), v(s, 'ivr_completed') + v(s, 'offered')),
  calls_answered: (s) => v(s, 'answered'),
  // Short abandons (< 5 s) are neither abandonment nor a missed answer.
  abandonment_rate: (s) => ratio(v(s, 'abandoned') - v(s, 'abandoned_short'), v(s, 'offered')),
  service_level: (s) => ratio(v(s, 'answered_within_20s'), v(s, 'offered') - v(s, 'abandoned_short')),
  asa_seconds: (s) => ratio(v(s, 'answer_wait_ms') / 1000, v(s, 'answered')),
  aht_seconds: (s) => ratio(v(s, 'handle_ms') / 1000, v(s, 'ended')),
  occupancy: (s) => ratio(v(s, 'busy_ms'), v(s, 'busy_ms') + v(s, 'available_ms')),
  fcr_rate: (s) => ratio(v(s, 'ended_fcr'), v(s, 'ended')),
  satisfaction_rate: (s) => ratio(v(s, 'surveys_satisfied'), v(s, 'surveys')),
  notification_coverage: (s) => ratio(v(s, 'outage_customers_notified'), v(s, 'outage_customers_started')),
  timely_notification_rate: (s) => ratio(v(s, 'notices_timely'), v(s, 'notices_required')),
  mttr_minutes: (s) => ratio(v(s, 'restore_ms') / 60_000, v(s, 'outages_restored')),
  on_time_arrival_rate: (s) => ratio(v(s, 'repairs_arrived_on_time'), v(s, 'repairs_arrived_with_sla')),
  avg_repair_minutes: (s) => ratio(v(s, 'repair_ms') / 60_000, v(s, 'repairs_resolved')),
  complaint_rate_permille: (s, customers) => perCustomers(v(s, 'complaints_created'), customers, 1000),
  escalated_per_million: (s, customers) => perCustomers(v(s, 'complaints_escalated'), customers, 1_000_000),
  callback_timeliness: (s) => ratio(v(s, 'callbacks_on_time'), v(s, 'callbacks_due')),
}

export function windowedValue(id: KpiId, sums: Sums, customers: number | null): number | null {
  const formula = WINDOWED_FORMULAS[id]
  if (!formula) throw new Error(`KPI ${id} is not a windowed KPI`)
  return formula(sums, customers)
}
