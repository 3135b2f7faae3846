// A work order's current state, folded from its events. Milestones keep the
// first time they were reached (arrival, contact) or the latest (resolution,
// callback, closing, which a reopen can repeat); deadlines are set from the
// SLA rules when the order is created and, for the callback, resolved.
import type { DomainEvent, EventOf } from '../../schemas/events.ts'
import { slaSpanMs, type SlaRule } from '../../schemas/sla.ts'
import type { Enrichment } from '../event-row.ts'
import { chTime, chTimeOrNull, msFromCh } from '../../core/time-format.ts'

export type WorkorderEvent = Extract<DomainEvent, { workorder_id: string }>

export interface WorkorderState {
  workorder_id: string
  region: string
  category: string
  priority: string
  area_class: string
  customer_tier: string
  outage_id: string
  call_id: string
  team: string
  created_at: number | null
  dispatched_at: number | null
  accepted_at: number | null
  contacted_at: number | null
  arrived_at: number | null
  resolved_at: number | null
  callback_at: number | null
  closed_at: number | null
  reopened_at: number | null
  reopened_count: number
  escalated_level: string
  supervised_count: number
  contact_due: number | null
  arrive_due: number | null
  resolve_due: number | null
  callback_due: number | null
  updated_at: number
}

const TIME_COLUMNS = [
  'created_at', 'dispatched_at', 'accepted_at', 'contacted_at', 'arrived_at', 'resolved_at', 'callback_at',
  'closed_at', 'reopened_at', 'contact_due', 'arrive_due', 'resolve_due', 'callback_due',
] as const

export function newWorkorder(id: string, region: string): WorkorderState {
  return {
    workorder_id: id, region, category: '', priority: '', area_class: '', customer_tier: '', outage_id: '', call_id: '',
    team: '', created_at: null, dispatched_at: null, accepted_at: null, contacted_at: null, arrived_at: null,
    resolved_at: null, callback_at: null, closed_at: null, reopened_at: null, reopened_count: 0, escalated_level: '',
    supervised_count: 0, contact_due: null, arrive_due: null, resolve_due: null, callback_due: null, updated_at: 0,
  }
}

const min = (a: number | null, b: number) => (a === null ? b : Math.min(a, b))
const max = (a: number | null, b: number) => (a === null ? b : Math.max(a, b))
const after = (a: number | null, b: number | null) => a !== null && (b === null || a > b)

/** The status shown in backlogs: the furthest milestone, unless reopened since. */
export function workorderStatus(s: WorkorderState): string {
  if (after(s.reopened_at, s.closed_at) && after(s.reopened_at, s.resolved_at)) return 'reopened'
  if (s.closed_at !== null) return 'closed'
  if (s.resolved_at !== null) return 'resolved'
  if (s.arrived_at !== null || s.contacted_at !== null) return 'in_progress'
  if (s.accepted_at !== null) return 'accepted'
  if (s.dispatched_at !== null) return 'dispatched'
  return 'created'
}

/** Applies one event to the state (in place) and returns what the event row is enriched with. */
export function applyWorkorderEvent(s: WorkorderState, event: WorkorderEvent, rules: SlaRule[]): Enrichment {
  const t = Date.parse(event.occurred_at)
  const enrichment: Enrichment = {}
  switch (event.type) {
    case 'workorder.created': {
      const e = event as EventOf<'workorder.created'>
      s.region = e.region
      s.category = e.category
      s.priority = e.priority
      s.area_class = e.area_class
      s.customer_tier = e.customer_tier ?? ''
      s.outage_id = e.outage_id ?? ''
      s.call_id = e.call_id ?? ''
      s.created_at = min(s.created_at, t)
      const due = (milestone: 'contacted' | 'arrived' | 'resolved') => {
        const span = slaSpanMs(rules, milestone, e.category, e.area_class)
        return span === null ? null : s.created_at! + span
      }
      s.contact_due = due('contacted')
      s.arrive_due = due('arrived')
      s.resolve_due = due('resolved')
      break
    }
    case 'workorder.dispatched':
      s.team = event.team
      s.dispatched_at = min(s.dispatched_at, t)
      break
    case 'workorder.accepted':
      s.accepted_at = min(s.accepted_at, t)
      break
    case 'workorder.contacted':
      enrichment.deadline_at = s.contact_due
      s.contacted_at = min(s.contacted_at, t)
      break
    case 'workorder.arrived':
      enrichment.deadline_at = s.arrive_due
      s.arrived_at = min(s.arrived_at, t)
      break
    case 'workorder.resolved': {
      enrichment.deadline_at = s.resolve_due
      s.resolved_at = max(s.resolved_at, t)
      const span = slaSpanMs(rules, 'callback', s.category, s.area_class)
      s.callback_due = span === null ? null : t + span
      enrichment.callback_due_at = s.callback_due
      break
    }
    case 'workorder.callback':
      enrichment.deadline_at = s.callback_due
      s.callback_at = max(s.callback_at, t)
      break
    case 'workorder.closed':
      s.closed_at = max(s.closed_at, t)
      break
    case 'workorder.reopened':
      s.reopened_at = max(s.reopened_at, t)
      s.reopened_count += 1
      break
    case 'workorder.escalated':
      s.escalated_level = event.to_level
      break
    case 'workorder.supervised':
      s.supervised_count += 1
      break
  }
  s.updated_at = Math.max(s.updated_at, t)
  enrichment.category = s.category
  enrichment.priority = s.priority
  enrichment.area_class = s.area_class
  enrichment.customer_tier = s.customer_tier
  enrichment.ref_started_at = s.created_at
  return enrichment
}

export function workorderRow(s: WorkorderState, version: number): Record<string, unknown> {
  const row: Record<string, unknown> = { ...s, status: workorderStatus(s), updated_at: chTime(s.updated_at), version }
  for (const column of TIME_COLUMNS) row[column] = chTimeOrNull(s[column])
  return row
}

export function workorderFromRow(row: Record<string, unknown>): WorkorderState {
  const s = newWorkorder(String(row.workorder_id), String(row.region))
  for (const key of Object.keys(s) as (keyof WorkorderState)[]) {
    if (!(key in row)) continue
    if ((TIME_COLUMNS as readonly string[]).includes(key)) (s[key] as number | null) = msFromCh(row[key] as string | null)
    else if (key === 'updated_at') s.updated_at = msFromCh(row[key] as string) ?? 0
    else if (key === 'reopened_count' || key === 'supervised_count') s[key] = Number(row[key])
    else (s[key] as string) = String(row[key])
  }
  return s
}
