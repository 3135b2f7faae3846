// The bulletins (日预警、周通报, DOMAIN.md §4): what one holds, as the API
// answers it and the dashboard, the PDF and the XLSX show it. A bulletin is
// computed once for its period and kept as it was (figures "as of" its
// generation); the server computes it, every screen and file only shows it.
import type { Severity } from './alerting-config.ts'
import type { KpiId, KpiStatus } from './kpis.ts'

export const BULLETIN_KINDS = ['daily', 'weekly'] as const
export type BulletinKind = (typeof BULLETIN_KINDS)[number]

/** One KPI value over the period, judged against its target. */
export interface BulletinCell {
  value: number | null
  status: KpiStatus
  /** For rates and averages: how many items the value is taken over (calls, surveys, repairs …). */
  volume?: number
}

export interface BulletinKpi {
  id: KpiId
  /** The target for this period (a monthly target scaled to the period's length). */
  target: number | null
  total: BulletinCell
  /** By region code, in the territory's order. */
  regions: Record<string, BulletinCell>
}

/** A region's KPI off target: the worst first (red before amber, then the furthest from its threshold). */
export interface WorstItem {
  kpi: KpiId
  region: string
  value: number
  target: number | null
  status: 'red' | 'amber'
  volume: number | null
}

export interface AlertFigures {
  /** Alerts that fired (or fired again) within the period. */
  fired: number
  /** Of those, acknowledged / resolved by the bulletin's `as_of`. */
  acknowledged: number
  resolved: number
  /** Minutes from firing to acknowledgement (to resolution), over those acknowledged (resolved); null when none. */
  ack_minutes_avg: number | null
  ack_minutes_max: number | null
  resolve_minutes_avg: number | null
  resolve_minutes_max: number | null
}

export interface BulletinAlerts {
  total: AlertFigures & { by_severity: Record<Severity, number> }
  /** One row per rule and region ('' is a rule over the whole territory), most fired first. */
  rows: Array<AlertFigures & { rule_id: string; rule_name: string; region: string }>
  by_rule: Array<AlertFigures & { rule_id: string; rule_name: string }>
  by_region: Array<AlertFigures & { region: string }>
  /** The alerts that waited longest for an acknowledgement (never acknowledged first). */
  slowest: Array<{ alert_id: string; rule_id: string; rule_name: string; region: string; severity: string; fired_at: string; ack_minutes: number | null }>
}

export interface SupervisionFigures {
  /** Orders first issued within the period. */
  issued: number
  /** Reply deadlines within the period, and those replied by their deadline: the supervision_timeliness KPI. */
  due: number
  on_time: number
  timeliness: number | null
  status: KpiStatus
}

export interface BulletinSupervision {
  total: SupervisionFigures & { replied: number; closed: number; returned: number }
  by_region: Array<SupervisionFigures & { region: string }>
  by_team: Array<SupervisionFigures & { team: string }>
}

export interface OutageFigures {
  /** Outages that started within the period. */
  started: number
  customers_affected: number
  key_customers_affected: number
  /** Of those, restored by the period's end, and still off supply then. */
  restored: number
  active_at_end: number
  /** Minutes off supply within the period (start to restoration, or to the period's end), summed over outages. */
  minutes_lost: number
  /** The same weighted by customers affected (时户数 in minutes). */
  customer_minutes_lost: number
}

export interface BulletinOutage {
  outage_id: string
  region: string
  kind: string
  feeder: string
  started_at: string
  restored_at: string | null
  customers_affected: number
  minutes_lost: number
  customer_minutes_lost: number
}

export interface BulletinOutages {
  total: OutageFigures
  by_region: Array<OutageFigures & { region: string }>
  by_kind: Array<OutageFigures & { kind: string }>
  /** The outages that cost the most customer-minutes. */
  largest: BulletinOutage[]
}

export interface BulletinRegion {
  code: string
  name_zh: string
  name_en: string
}

export interface Bulletin {
  /** `daily-2026-12-01`, `weekly-2026-11-23`: the kind and the first day of the period. */
  id: string
  kind: BulletinKind
  /** First and last local day of the period (YYYY-MM-DD, the center's time zone). */
  period_start: string
  period_end: string
  /** The period as instants: [from, until). */
  from: string
  until: string
  time_zone: string
  generated_at: string
  /** Acknowledgements and resolutions are counted up to this instant (the generation). */
  as_of: string
  /** "schedule", or the username of the lead who asked for it. */
  generated_by: string
  regions: BulletinRegion[]
  kpis: BulletinKpi[]
  worst: WorstItem[]
  alerts: BulletinAlerts
  supervision: BulletinSupervision
  outages: BulletinOutages
  /** The push of the summary to the leads' channel: when, and the receivers its route named; null when not pushed. */
  pushed: { at: string; receivers: string[] } | null
}

/** A bulletin in a list: what it is and its headline figures. */
export interface BulletinSummary {
  id: string
  kind: BulletinKind
  period_start: string
  period_end: string
  generated_at: string
  generated_by: string
  pushed_at: string | null
  alerts_fired: number
  red_items: number
  supervision_timeliness: number | null
  outages_started: number
  customer_minutes_lost: number
}

export const summaryOf = (b: Bulletin): BulletinSummary => ({
  id: b.id,
  kind: b.kind,
  period_start: b.period_start,
  period_end: b.period_end,
  generated_at: b.generated_at,
  generated_by: b.generated_by,
  pushed_at: b.pushed?.at ?? null,
  alerts_fired: b.alerts.total.fired,
  red_items: b.worst.filter((w) => w.status === 'red').length,
  supervision_timeliness: b.supervision.total.timeliness,
  outages_started: b.outages.total.started,
  customer_minutes_lost: b.outages.total.customer_minutes_lost,
})
