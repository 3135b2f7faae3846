// The shift handover (交接班, DOMAIN.md §4) as the API answers it and the desk
// shows it: the draft the system makes of a shift's period, and the record a
// lead hands over (the draft frozen at that moment, with notes) and the next
// lead confirms. Times are ISO 8601 UTC strings.
import type { KpiId, KpiStatus } from './kpis.ts'
import type { LogEntry } from './operations-log.ts'

/** A shift of the roster on a date (a night shift past midnight belongs to the date it began). */
export interface HandoverShift {
  id: string
  name: string
  /** The local date it began on. */
  date: string
  starts_at: string
  ends_at: string
}

/** A windowed KPI over the shift's period, by its registry formula, against its target (a monthly target scaled to the period). */
export interface ShiftKpi {
  id: KpiId
  value: number | null
  target: number | null
  status: KpiStatus
}

export interface HandoverAlert {
  id: string
  rule_name: string
  severity: string
  summary: string
  region: string | null
  fired_at: string | null
  /** What happened to it within the period. */
  fired_in_period: boolean
  acknowledged_in_period: boolean
  resolved_in_period: boolean
  /** Still firing or acknowledged at the period's end. */
  open_at_end: boolean
  acknowledged_by: string | null
}

export interface HandoverSupervision {
  id: string
  target_type: string
  target_id: string
  team: string
  reason: string
  due_at: string
  issued_in_period: boolean
  closed_in_period: boolean
  open_at_end: boolean
  /** Unanswered past its deadline at the period's end. */
  overdue_at_end: boolean
}

export interface HandoverOutage {
  outage_id: string
  region: string
  kind: string
  feeder: string
  customers_affected: number
  key_customers_affected: number
  started_at: string | null
  restored_at: string | null
  started_in_period: boolean
  restored_in_period: boolean
  active_at_end: boolean
}

/** Counts over the whole period, and the items (at most ITEMS_MAX of each, the most recent first). */
export interface HandoverSection<T, C extends string> {
  counts: Record<C, number>
  items: T[]
}

export interface HandoverContent {
  shift: HandoverShift
  /** [from, to): the shift's start to its end, or to the moment of drafting when that is earlier. */
  period: { from: string; to: string }
  team: string | null
  /** The roster's lead of the shift (outgoing), and the next shift's team and lead (incoming). */
  outgoing_lead: string | null
  incoming: { shift: HandoverShift | null; team: string | null; lead: string | null }
  kpis: ShiftKpi[]
  alerts: HandoverSection<HandoverAlert, 'fired' | 'acknowledged' | 'resolved' | 'open'>
  supervisions: HandoverSection<HandoverSupervision, 'issued' | 'closed' | 'open' | 'overdue'>
  outages: HandoverSection<HandoverOutage, 'started' | 'restored' | 'active'>
  /** The period's notable log entries, newest first. */
  log: LogEntry[]
  drafted_at: string
}

/** What GET /handovers/draft answers: the draft, and the record of that shift when it was handed over already. */
export interface HandoverDraft {
  draft: HandoverContent
  handover: Handover | null
}

export interface Handover {
  id: string
  shift: HandoverShift
  period: { from: string; to: string }
  boundary_at: string
  team: string | null
  outgoing_lead: string | null
  incoming_team: string | null
  incoming_lead: string | null
  notes: string
  content: HandoverContent
  handed_over: { by: string; name: string; at: string }
  confirmed: { by: string; name: string; at: string } | null
}

export const HANDOVER_ITEMS_MAX = 100
