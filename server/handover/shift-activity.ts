// What happened in a period [lo, hi), for its handover (DOMAIN.md §4): the
// alerts fired, acknowledged, resolved and still open at its end (from the
// alerts' history in the store, so the time of each step is its own); the
// supervision orders issued, closed, open and overdue at its end; the
// outages started, restored and active at its end (ClickHouse's outage
// state, judged by the one outage judge). Only what belongs to the period:
// an alert fired and resolved in the shift before is not this shift's.
import type { ClickHouseClient } from '@clickhouse/client'
import type { StoreQueryable } from '../../core/store/store.ts'
import { HANDOVER_ITEMS_MAX, type HandoverAlert, type HandoverContent, type HandoverOutage, type HandoverSupervision } from '../../schemas/handover.ts'
import { readOutages } from '../kpi/outage-figures.ts'
import { isActive } from '../sla/outage-state.ts'
import type { Supervision } from '../supervision/supervision-store.ts'

const iso = (d: Date | number | null) => (d === null ? null : new Date(d).toISOString())
const newest = <T>(items: T[], at: (t: T) => number) => items.sort((a, b) => at(b) - at(a)).slice(0, HANDOVER_ITEMS_MAX)
const count = <T>(items: readonly T[], test: (t: T) => boolean) => items.filter(test).length

type AlertRow = {
  id: string
  rule_name: string
  severity: string
  summary: string
  region: string | null
  fired_at: Date | null
  acknowledged_name: string | null
  fired_in: boolean
  acked_in: boolean
  resolved_in: boolean
  last_fired: Date | null
  last_resolved: Date | null
}

export async function periodAlerts(db: StoreQueryable, lo: Date, hi: Date): Promise<HandoverContent['alerts']> {
  // Alerts that could have been open in the period: not resolved before it began, begun before it ended.
  const rows = await db.query<AlertRow>(
    `SELECT a.id, a.rule_name, a.severity, a.summary, a.labels->>'region' AS region, a.fired_at, a.acknowledged_name,
       bool_or(h.kind IN ('firing', 'reopened') AND h.at >= $1) AS fired_in,
       bool_or(h.kind = 'acknowledged' AND h.at >= $1) AS acked_in,
       bool_or(h.kind = 'resolved' AND h.at >= $1) AS resolved_in,
       max(h.at) FILTER (WHERE h.kind IN ('firing', 'reopened')) AS last_fired,
       max(h.at) FILTER (WHERE h.kind = 'resolved') AS last_resolved
     FROM alerts a JOIN alert_history h ON h.alert_id = a.id AND h.at < $2
     WHERE (a.resolved_at IS NULL OR a.resolved_at >= $1) AND a.started_at < $2
     GROUP BY a.id`,
    [lo, hi],
  )
  const items: HandoverAlert[] = rows.flatMap((r) => {
    // Told to people (fired) before the period's end, and touched in it or still open at its end.
    if (r.last_fired === null) return []
    const open = r.last_resolved === null || r.last_resolved < r.last_fired
    if (!(r.fired_in || r.acked_in || r.resolved_in || open)) return []
    return [
      {
        id: r.id,
        rule_name: r.rule_name,
        severity: r.severity,
        summary: r.summary,
        region: r.region,
        fired_at: iso(r.last_fired),
        fired_in_period: r.fired_in,
        acknowledged_in_period: r.acked_in,
        resolved_in_period: r.resolved_in,
        open_at_end: open,
        acknowledged_by: r.acknowledged_name,
      },
    ]
  })
  return {
    counts: {
      fired: count(items, (a) => a.fired_in_period),
      acknowledged: count(items, (a) => a.acknowledged_in_period),
      resolved: count(items, (a) => a.resolved_in_period),
      open: count(items, (a) => a.open_at_end),
    },
    items: newest(items, (a) => Date.parse(a.fired_at!)),
  }
}

export async function periodSupervisions(db: StoreQueryable, lo: Date, hi: Date): Promise<HandoverContent['supervisions']> {
  const rows = await db.query<Supervision & Record<string, unknown>>(
    `SELECT * FROM supervisions WHERE created_at < $2 AND (closed_at IS NULL OR closed_at >= $1)`,
    [lo, hi],
  )
  const end = hi.getTime()
  const within = (d: Date | null) => d !== null && d >= lo && d < hi
  const items: Array<HandoverSupervision & { created_at: number }> = rows.flatMap((o) => {
    const open = o.closed_at === null || o.closed_at.getTime() >= end
    // Unanswered past its deadline at the period's end (the round in force: a returned order is judged by its new deadline).
    const overdue = open && o.due_at.getTime() < end && (o.replied_at === null || o.replied_at.getTime() >= end)
    const issued = within(o.created_at)
    const closed = within(o.closed_at)
    if (!(issued || closed || open)) return []
    return [
      {
        id: o.id,
        target_type: o.target_type,
        target_id: o.target_id,
        team: o.team,
        reason: o.reason,
        due_at: o.due_at.toISOString(),
        issued_in_period: issued,
        closed_in_period: closed,
        open_at_end: open,
        overdue_at_end: overdue,
        created_at: o.created_at.getTime(),
      },
    ]
  })
  return {
    counts: {
      issued: count(items, (o) => o.issued_in_period),
      closed: count(items, (o) => o.closed_in_period),
      open: count(items, (o) => o.open_at_end),
      overdue: count(items, (o) => o.overdue_at_end),
    },
    items: newest(items, (o) => o.created_at).map(({ created_at: _created, ...o }) => o),
  }
}

export async function periodOutages(client: ClickHouseClient, lo: number, hi: number): Promise<HandoverContent['outages']> {
  const within = (t: number | null) => t !== null && t >= lo && t < hi
  const items: HandoverOutage[] = (await readOutages(client, lo, null)).flatMap((o) => {
    const started = within(o.started_at)
    const restored = within(o.restored_at)
    const active = isActive(o, hi)
    if (!(started || restored || active)) return []
    return [
      {
        outage_id: o.outage_id,
        region: o.region,
        kind: o.kind,
        feeder: o.feeder,
        customers_affected: o.customers_affected,
        key_customers_affected: o.key_customers_affected,
        started_at: iso(o.started_at),
        restored_at: iso(o.restored_at),
        started_in_period: started,
        restored_in_period: restored,
        active_at_end: active,
      },
    ]
  })
  return {
    counts: { started: count(items, (o) => o.started_in_period), restored: count(items, (o) => o.restored_in_period), active: count(items, (o) => o.active_at_end) },
    items: newest(items, (o) => Date.parse(o.started_at ?? '') || 0),
  }
}
