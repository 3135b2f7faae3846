// The KPIs of DOMAIN.md §2: id, labels, unit, which direction is good, the
// default target and the thresholds that make a value green, amber or red.
// Shared by the server (computing status) and the dashboard (labels, units).
// A center overrides targets and thresholds through KPI_CONFIG_FILE.

export const KPI_IDS = [
  'calls_offered',
  'ivr_self_service_rate',
  'calls_answered',
  'abandonment_rate',
  'service_level',
  'asa_seconds',
  'aht_seconds',
  'queue_now',
  'longest_wait_now_seconds',
  'agents_by_state',
  'occupancy',
  'fcr_rate',
  'satisfaction_rate',
  'outages_active',
  'customers_affected_now',
  'notification_coverage',
  'timely_notification_rate',
  'mttr_minutes',
  'etr_overrun_now',
  'workorders_open_now',
  'on_time_arrival_rate',
  'avg_repair_minutes',
  'workorders_overdue_now',
  'workorders_at_risk_now',
  'complaint_rate_permille',
  'escalated_per_million',
  'callback_timeliness',
] as const
export type KpiId = (typeof KPI_IDS)[number]

export const WINDOWS = ['15m', '60m', 'today'] as const
export type WindowId = (typeof WINDOWS)[number]

export type KpiUnit = 'count' | 'ratio' | 'seconds' | 'minutes' | 'permille' | 'per_million' | 'agents' | 'customers'
export type Breakdown = 'region' | 'queue' | 'category' | 'outage_kind' | 'team'

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

export interface KpiDefinition {
  id: KpiId
  label_zh: string
  label_en: string
  unit: KpiUnit
  /** windowed: counts events whose own time is in the window; now: the current state. */
  kind: 'windowed' | 'now'
  target: number | null
  /**
   * Targets stated per month (complaint rates) are scaled to the window's
   * length before a value is judged against them.
   */
  target_period?: 'month'
  thresholds: Thresholds
  breakdowns: Breakdown[]
}

const def = (d: KpiDefinition) => d

export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  calls_offered: def({ id: 'calls_offered', label_zh: '进线量', label_en: 'Offered calls', unit: 'count', kind: 'windowed', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'queue'] }),
  ivr_self_service_rate: def({ id: 'ivr_self_service_rate', label_zh: 'IVR自助率', label_en: 'IVR self-service rate', unit: 'ratio', kind: 'windowed', target: null, thresholds: { good: 'none' }, breakdowns: ['region'] }),
  calls_answered: def({ id: 'calls_answered', label_zh: '接通量', label_en: 'Answered', unit: 'count', kind: 'windowed', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'queue'] }),
  abandonment_rate: def({ id: 'abandonment_rate', label_zh: '呼损率', label_en: 'Abandonment rate', unit: 'ratio', kind: 'windowed', target: 0.05, thresholds: { good: 'lower', amber: 0.05, red: 0.08 }, breakdowns: ['region', 'queue'] }),
  service_level: def({ id: 'service_level', label_zh: '20秒接通率', label_en: 'Service level (20 s)', unit: 'ratio', kind: 'windowed', target: 0.8, thresholds: { good: 'higher', amber: 0.8, red: 0.7 }, breakdowns: ['region', 'queue'] }),
  asa_seconds: def({ id: 'asa_seconds', label_zh: '平均应答时长', label_en: 'Average speed of answer', unit: 'seconds', kind: 'windowed', target: 20, thresholds: { good: 'lower', amber: 20, red: 40 }, breakdowns: ['region', 'queue'] }),
  aht_seconds: def({ id: 'aht_seconds', label_zh: '平均处理时长', label_en: 'Average handle time', unit: 'seconds', kind: 'windowed', target: null, thresholds: { good: 'none' }, breakdowns: ['region'] }),
  queue_now: def({ id: 'queue_now', label_zh: '排队数', label_en: 'Queue now', unit: 'count', kind: 'now', target: null, thresholds: { good: 'lower', amber: 20, red: 50 }, breakdowns: ['region', 'queue'] }),
  longest_wait_now_seconds: def({ id: 'longest_wait_now_seconds', label_zh: '最长等待', label_en: 'Longest wait now', unit: 'seconds', kind: 'now', target: null, thresholds: { good: 'lower', amber: 60, red: 180 }, breakdowns: ['queue'] }),
  agents_by_state: def({ id: 'agents_by_state', label_zh: '坐席状态分布', label_en: 'Agents by state', unit: 'agents', kind: 'now', target: null, thresholds: { good: 'none' }, breakdowns: ['team'] }),
  occupancy: def({ id: 'occupancy', label_zh: '坐席利用率', label_en: 'Occupancy', unit: 'ratio', kind: 'windowed', target: 0.85, thresholds: { good: 'range', amber: [0.75, 0.9], red: [0.6, 0.95] }, breakdowns: ['region', 'team'] }),
  fcr_rate: def({ id: 'fcr_rate', label_zh: '一次解决率', label_en: 'First-contact resolution', unit: 'ratio', kind: 'windowed', target: 0.95, thresholds: { good: 'higher', amber: 0.95, red: 0.9 }, breakdowns: ['region'] }),
  satisfaction_rate: def({ id: 'satisfaction_rate', label_zh: '满意率', label_en: 'Satisfaction', unit: 'ratio', kind: 'windowed', target: 0.95, thresholds: { good: 'higher', amber: 0.95, red: 0.9 }, breakdowns: ['region'] }),
  outages_active: def({ id: 'outages_active', label_zh: '当前停电', label_en: 'Active outages', unit: 'count', kind: 'now', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'outage_kind'] }),
  customers_affected_now: def({ id: 'customers_affected_now', label_zh: '停电户数', label_en: 'Customers affected', unit: 'customers', kind: 'now', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'outage_kind'] }),
  notification_coverage: def({ id: 'notification_coverage', label_zh: '通知到户率', label_en: 'Notification coverage', unit: 'ratio', kind: 'windowed', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.95 }, breakdowns: ['region', 'outage_kind'] }),
  timely_notification_rate: def({ id: 'timely_notification_rate', label_zh: '及时通知率', label_en: 'Timely notification rate', unit: 'ratio', kind: 'windowed', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.9 }, breakdowns: ['region', 'outage_kind'] }),
  mttr_minutes: def({ id: 'mttr_minutes', label_zh: '平均复电时长', label_en: 'Mean time to restore', unit: 'minutes', kind: 'windowed', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'outage_kind'] }),
  etr_overrun_now: def({ id: 'etr_overrun_now', label_zh: '超预计复电', label_en: 'ETR overrun', unit: 'count', kind: 'now', target: 0, thresholds: { good: 'lower', amber: 0, red: 2 }, breakdowns: ['region', 'outage_kind'] }),
  workorders_open_now: def({ id: 'workorders_open_now', label_zh: '在途工单', label_en: 'Open work orders', unit: 'count', kind: 'now', target: null, thresholds: { good: 'none' }, breakdowns: ['region', 'category'] }),
  on_time_arrival_rate: def({ id: 'on_time_arrival_rate', label_zh: '抢修按时到岗率', label_en: 'On-time arrival rate', unit: 'ratio', kind: 'windowed', target: 0.98, thresholds: { good: 'higher', amber: 0.98, red: 0.95 }, breakdowns: ['region'] }),
  avg_repair_minutes: def({ id: 'avg_repair_minutes', label_zh: '平均修复时长', label_en: 'Average repair time', unit: 'minutes', kind: 'windowed', target: 50, thresholds: { good: 'lower', amber: 50, red: 90 }, breakdowns: ['region'] }),
  workorders_overdue_now: def({ id: 'workorders_overdue_now', label_zh: '超时工单', label_en: 'Overdue work orders', unit: 'count', kind: 'now', target: 0, thresholds: { good: 'lower', amber: 0, red: 9 }, breakdowns: ['region', 'category'] }),
  workorders_at_risk_now: def({ id: 'workorders_at_risk_now', label_zh: '即将超时', label_en: 'About to breach', unit: 'count', kind: 'now', target: 0, thresholds: { good: 'lower', amber: 0, red: 9 }, breakdowns: ['region', 'category'] }),
  complaint_rate_permille: def({ id: 'complaint_rate_permille', label_zh: '投诉率', label_en: 'Complaint rate', unit: 'permille', kind: 'windowed', target: 1.5, target_period: 'month', thresholds: { good: 'lower', amber: 1.5, red: 2 }, breakdowns: ['region'] }),
  escalated_per_million: def({ id: 'escalated_per_million', label_zh: '越级投诉', label_en: 'Escalated complaints', unit: 'per_million', kind: 'windowed', target: 8, target_period: 'month', thresholds: { good: 'lower', amber: 8, red: 12 }, breakdowns: ['region'] }),
  callback_timeliness: def({ id: 'callback_timeliness', label_zh: '回访及时率', label_en: 'Callback completion', unit: 'ratio', kind: 'windowed', target: 1, thresholds: { good: 'higher', amber: 1, red: 0.95 }, breakdowns: ['region'] }),
}

/**
 * The status of a value. For `target_period: 'month'` KPIs the caller passes
 * `scale` = window length / 30 days, so a 15-minute window is judged against
 * its share of the monthly target.
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
