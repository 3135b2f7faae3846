// What the wall's alarm ticker lists, as the server judged it from the
// current state (server/alarms/alarm-board.ts): outages with key customers,
// outages past their estimated restoration time, and overdue work orders.
// Screens render these; they never decide what is alarming themselves.
// Pushed whole over Socket.IO (`alarms`) when the list changes and on connect.

interface AlarmBase {
  /** Stable while the condition lasts: the same alarm keeps its place on screen. */
  key: string
  severity: 'critical' | 'warning'
  region: string
}

export interface KeyCustomersAlarm extends AlarmBase {
  kind: 'outage_key_customers'
  outage_id: string
  feeder: string
  customers: number
  key_customers: number
  started_at: string
}

export interface EtrOverrunAlarm extends AlarmBase {
  kind: 'outage_etr_overrun'
  outage_id: string
  feeder: string
  customers: number
  etr: string
}

export interface OverdueOrderAlarm extends AlarmBase {
  kind: 'workorder_overdue'
  workorder_id: string
  category: string
  milestone: string
  /** The deadline that passed: "overdue by" counts from here. */
  due_at: string
}

export type Alarm = KeyCustomersAlarm | EtrOverrunAlarm | OverdueOrderAlarm

/** The most the ticker lists at once, most serious first. */
export const MAX_ALARMS = 30
