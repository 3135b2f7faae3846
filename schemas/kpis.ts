// The KPI registry: every KPI of DOMAIN.md §2 is one entry here, with its
// labels, unit, default target and thresholds, the breakdowns it has, and
// how it is computed: a windowed KPI names the source its sums come from and
// its formula over those sums; a "now" KPI its formula over the current
// state. The server computes snapshots, breakdown cells and trend series from
// these entries and nothing else; the dashboard reads labels and units. A
// center overrides targets and thresholds through KPI_CONFIG_FILE.
//
// Adding a KPI on an existing rollup is one entry here (see CONTRIBUTING.md).
// The entries' id type is the registry's keys, so every map keyed by KpiId
// elsewhere is checked for completeness by the compiler.
import { perCustomers, ratio, sum as v, type Measure, type NowFigures, type Sums } from './kpi-measures.ts'

export const WINDOWS = ['15m', '60m', 'today'] as const
export type WindowId = (typeof WINDOWS)[number]

export type KpiUnit = 'count' | 'ratio' | 'seconds' | 'minutes' | 'permille' | 'per_million' | 'agents' | 'customers'
export const BREAKDOWNS = ['region', 'queue', 'category', 'outage_kind', 'team'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]

/** Where a windowed KPI's sums come from: a per-minute rollup table, or the outages table. */
export const KPI_SOURCES = ['calls', 'workorders', 'callbacks', 'occupancy', 'outages', 'supervision'] as const
export type KpiSource = (typeof KPI_SOURCES)[number]

/**
 * How a value maps to a status. `higher`: below amber is amber, below red is
 * red. `lower`: above amber is amber, above red is red. `range`: outside the
 * amber band is amber, outside the red band is red. `none`: informational.
 */
export type Thresholds =
  | { good: 'higher'; amber: number; red: number }
  | { good: 'lower'; amber: number; red: number }
  | { good: 'range'; amber: [number, number]; red: [number, number] }
  | { good: 'none' }

export type KpiStatus = 'green' | 'amber' | 'red' | 'none'

interface KpiCommon {
  label_zh: string
  label_en: string
  unit: KpiUnit
  target: number | null
  /**
   * Targets stated per month (complaint rates) are scaled to the window's
   * length before a value is judged against them.
   */
  target_period?: 'month'
  thresholds: Thresholds
  breakdowns: readonly Breakdown[]
}

/** Counts events whose own time is in the window. */
export interface WindowedKpi extends KpiCommon {
  kind: 'windowed'
  source: KpiSource
  /** The value from one key's sums; `customers` are the territory's or the region's, for per-customer rates. */
  formula: (s: Sums, customers: number | null) => number | null
  /**
   * For a rate or an average of items: how many items it is taken over (the
   * formula's denominator: calls that left the queue, surveys, repairs
   * arrived), so that an alert rule can leave a value of too few items
   * unjudged (min_volume). Absent for counts, per-customer figures and
   * occupancy (a share of agent time, not of items).
   */
  volume?: (s: Sums) => number
}

/** Describes the current state. */
export interface NowKpi extends KpiCommon {
  kind: 'now'
  formula: (f: NowFigures) => number | null
}

export type KpiEntry = WindowedKpi | NowKpi

const windowed = (source: KpiSource, e: Omit<WindowedKpi, 'kind' | 'source'>): WindowedKpi => ({ kind: 'windowed', source, ...e })
const now = (e: Omit<NowKpi, 'kind'>): NowKpi => ({ kind: 'now', ...e })
const NONE: Thresholds = { good: 'none' }
const informational = { target: null, thresholds: NONE }

// Calls leave the queue answered or abandoned; an abandon within 5 s is
// neither a loss nor a missed answer (DOMAIN.md §2). Both rates count that
// one cohort, at the moment each call leaves the queue, so neither can
// exceed 1 in any window.
const leftQueue = (s: Sums) => v(s, 'answered') + v(s, 'abandoned') - v(s, 'abandoned_short')
// Calls that reached the IVR's choice: served by it, or offered to an agent.
const ivrReached = (s: Sums) => v(s, 'ivr_completed') + v(s, 'offered')
/** A volume that is one measure's sum. */
const measure = (m: Measure) => (s: Sums) => v(s, m)
/** A rate or an average: a numerator over a volume, the volume kept for alert rules' min_volume. */
const over = (volume: (s: Sums) => number, numerator: (s: Sums) => number) => ({
  volume,
  formula: (s: Sums) => ratio(numerator(s), volume(s)),
})

export const KPI_REGISTRY = {
  calls_offered: windowed('calls', { label_zh: '进线量', label_en: 'Offered calls', unit: 'count', ...informational, breakdowns: ['region', 'queue'],
    formula: (s) => v(s, 'offered') }),
  ivr_self_service_rate: windowed('calls', { label_zh: 'IVR自助率', label_en: 'IVR self-service rate', unit: 'ratio', ...informational, breakdowns: ['region'],
    ...over(ivrReached, (s) => v(s, 'ivr_completed')) }),
  calls_answered: windowed('calls', { label_zh: '接通量', label_en: 'Answered', unit: 'count', ...informational, breakdowns: ['region', 'queue'],
    formula: (s) => v(s, 'answered') }),
  abandonment_rate: windowed('calls', { label_zh: '呼损率', label_en: 'Abandonment rate', unit: 'ratio', target: 0.05, thresholds: { good: 'lower', amber: 0.05, red: 0.08 }, breakdowns: ['region', 'queue'],
    ...over(leftQueue, (s) => v(s, 'abandoned') - v(s, 'abandoned_short')) }),
  service_level: windowed('calls', { label_zh: '20秒接通率', label_en: 'Service level (20 s)', unit: 'ratio', target: 0.8, thresholds: { good: 'higher', amber: 0.8, red: 0.7 }, breakdowns: ['region', 'queue'],
    ...over(leftQueue, (s) => v(s, 'answered_within_20s')) }),
  asa_seconds: windowed('calls', { label_zh: '平均应答时长', label_en: 'Average speed of answer', unit: 'seconds', target: 20, thresholds: { good: 'lower', amber: 20, red: 40 }, breakdowns: ['region', 'queue'],
    ...over(measure('answered'), (s) => v(s, 'answer_wait_ms') / 1000) }),
  aht_seconds: windowed('calls', { label_zh: '平均处理时长', label_en: 'Average handle time', unit: 'seconds', ...informational, breakdowns: ['region'],
    ...over(measure('ended'), (s) => v(s, 'handle_ms') / 1000) }),
  queue_now: now({ label_zh: '排队数', label_en: 'Queue now', unit: 'count', target: null, thresholds: { good: 'lower', amber: 20, red: 50 }, breakdowns: ['region', 'queue'],
    formula: (f) => f.waiting }),
  // Nobody waiting has no longest wait.
  longest_wait_now_seconds: now({ label_zh: '最长等待', label_en: 'Longest wait now', unit: 'seconds', target: null, thresholds: { good: 'lower', amber: 60, red: 180 }, breakdowns: ['queue'],
    formula: (f) => (f.waiting > 0 ? f.longest_wait_seconds : null) }),
  agents_by_state: now({ label_zh: '坐席状态分布', label_en: 'Agents by state', unit: 'agents', ...informational, breakdowns: ['team'],
    formula: (f) => f.agents_on_duty }),
  occupancy: windowed('occupancy', { label_zh: '坐席利用率', label_en: 'Occupancy', unit: 'ratio', target: 0.85, thresholds: { good: 'range', amber: [0.75, 0.9], red: [0.6, 0.95] }, breakdowns: ['region', 'team'],
    formula: (s) => ratio(v(s, 'busy_ms'), v(s, 'busy_ms') + v(s, 'available_ms')) }),
  fcr_rate: windowed('calls', { label_zh: '一次解决率', label_en: 'First-contact resolution', unit: 'ratio', target: 0.95, thresholds: { good: 'higher', amber: 0.95, red: 0.9 }, breakdowns: ['region'],
    ...over(measure('ended'), (s) => v(s, 'ended_fcr')) }),
  satisfaction_rate: windowed('calls', { label_zh: '满意率', label_en: 'Satisfaction', unit: 'ratio', target: 0.95, thresholds: { good: 'higher', amber: 0.95, red: 0.9 }, breakdowns: ['region'],
    ...over(measure('surveys'), (s) => v(s, 'surveys_satisfied')) }),
  outages_active: now({ label_zh: '当前停电', label_en: 'Active outages', unit: 'count', ...informational, breakdowns: ['region', 'outage_kind'],
    formula: (f) => f.outages_active }),
  customers_affected_now: now({ label_zh: '停电户数', label_en: 'Customers affected', unit: 'customers', ...informational, breakdowns: ['region', 'outage_kind'],
    formula: (f) => f.customers_affected }),
  notification_coverage: windowed('outages', { label_zh: '通知到户率', label_en: 'Notification coverage', unit: 'ratio', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.95 }, breakdowns: ['region', 'outage_kind'],
    ...over(measure('outage_customers_started'), (s) => v(s, 'outage_customers_notified')) }),
  timely_notification_rate: windowed('outages', { label_zh: '及时通知率', label_en: 'Timely notification rate', unit: 'ratio', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.9 }, breakdowns: ['region', 'outage_kind'],
    ...over(measure('notices_required'), (s) => v(s, 'notices_timely')) }),
  mttr_minutes: windowed('outages', { label_zh: '平均复电时长', label_en: 'Mean time to restore', unit: 'minutes', ...informational, breakdowns: ['region', 'outage_kind'],
    ...over(measure('outages_restored'), (s) => v(s, 'restore_ms') / 60_000) }),
  etr_overrun_now: now({ label_zh: '超预计复电', label_en: 'ETR overrun', unit: 'count', target: 0, thresholds: { good: 'lower', amber: 0, red: 2 }, breakdowns: ['region', 'outage_kind'],
    formula: (f) => f.etr_overrun }),
  workorders_open_now: now({ label_zh: '在途工单', label_en: 'Open work orders', unit: 'count', ...informational, breakdowns: ['region', 'category'],
    formula: (f) => f.workorders_open }),
  on_time_arrival_rate: windowed('workorders', { label_zh: '抢修按时到岗率', label_en: 'On-time arrival rate', unit: 'ratio', target: 0.98, thresholds: { good: 'higher', amber: 0.98, red: 0.95 }, breakdowns: ['region'],
    ...over(measure('repairs_arrived_with_sla'), (s) => v(s, 'repairs_arrived_on_time')) }),
  avg_repair_minutes: windowed('workorders', { label_zh: '平均修复时长', label_en: 'Average repair time', unit: 'minutes', target: 50, thresholds: { good: 'lower', amber: 50, red: 90 }, breakdowns: ['region'],
    ...over(measure('repairs_resolved'), (s) => v(s, 'repair_ms') / 60_000) }),
  workorders_overdue_now: now({ label_zh: '超时工单', label_en: 'Overdue work orders', unit: 'count', target: 0, thresholds: { good: 'lower', amber: 0, red: 9 }, breakdowns: ['region', 'category'],
    formula: (f) => f.workorders_overdue }),
  workorders_at_risk_now: now({ label_zh: '即将超时', label_en: 'About to breach', unit: 'count', target: 0, thresholds: { good: 'lower', amber: 0, red: 9 }, breakdowns: ['region', 'category'],
    formula: (f) => f.workorders_at_risk }),
  complaint_rate_permille: windowed('workorders', { label_zh: '投诉率', label_en: 'Complaint rate', unit: 'permille', target: 1.5, target_period: 'month', thresholds: { good: 'lower', amber: 1.5, red: 2 }, breakdowns: ['region'],
    formula: (s, customers) => perCustomers(v(s, 'complaints_created'), customers, 1000) }),
  escalated_per_million: windowed('workorders', { label_zh: '越级投诉', label_en: 'Escalated complaints', unit: 'per_million', target: 8, target_period: 'month', thresholds: { good: 'lower', amber: 8, red: 12 }, breakdowns: ['region'],
    formula: (s, customers) => perCustomers(v(s, 'complaints_escalated'), customers, 1_000_000) }),
  callback_timeliness: windowed('callbacks', { label_zh: '回访及时率', label_en: 'Callback completion', unit: 'ratio', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.95 }, breakdowns: ['region'],
    ...over(measure('callbacks_due'), (s) => v(s, 'callbacks_on_time')) }),
    // Each supervision deadline counts at its own minute, replied by it or not
    // (DOMAIN.md §4): one cohort, as callback timeliness.
    supervision_timeliness: windowed('supervision', { label_zh: '督办及时率', label_en: 'Supervision timeliness', unit: 'ratio', target: 1, thresholds: { good: 'higher', amber: 0.95, red: 0.85 }, breakdowns: ['region'],
      ...over(measure('supervisions_due'), (s) => v(s, 'supervisions_replied_on_time')) }),
} satisfies Record<string, KpiEntry>

export type KpiId = keyof typeof KPI_REGISTRY
export const KPI_IDS = Object.keys(KPI_REGISTRY) as KpiId[]

/** The registry entry of a KPI, typed as the union (the registry's literal types are too narrow to pass around). */
export const kpiEntry = (id: KpiId): KpiEntry => KPI_REGISTRY[id]

/** What screens and the API see of a KPI: everything but how it is computed. */
export interface KpiDefinition extends KpiCommon {
  id: KpiId
  kind: KpiEntry['kind']
}

export const KPI_DEFINITIONS = Object.fromEntries(
  KPI_IDS.map((id): [KpiId, KpiDefinition] => {
    const { label_zh, label_en, unit, target, target_period, thresholds, breakdowns, kind } = kpiEntry(id)
    return [id, { id, label_zh, label_en, unit, kind, target, ...(target_period ? { target_period } : {}), thresholds, breakdowns }]
  }),
) as Record<KpiId, KpiDefinition>

/**
 * The status of a value. For `target_period: 'month'` KPIs the caller passes
 * `scale` = window length / 30 days, so a 15-minute window is judged against
 * its share of the monthly target. Called on the server only: screens show
 * the status the snapshot carries.
 */
export function kpiStatus(thresholds: Thresholds, value: number | null, scale = 1): KpiStatus {
  if (value === null || thresholds.good === 'none') return 'none'
  switch (thresholds.good) {
    case 'higher':
      return value < thresholds.red ? 'red' : value < thresholds.amber ? 'amber' : 'green'
    case 'lower':
      return value > thresholds.red * scale ? 'red' : value > thresholds.amber * scale ? 'amber' : 'green'
    case 'range': {
      const [rl, rh] = thresholds.red
      const [al, ah] = thresholds.amber
      return value < rl || value > rh ? 'red' : value < al || value > ah ? 'amber' : 'green'
    }
  }
}
