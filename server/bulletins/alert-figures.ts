// A bulletin's alerts, from the transitions copied to ClickHouse
// (schemas/migrations/011_alert_transitions.sql): each alert that fired or
// fired again within the period, counted once, by rule and region, with the
// minutes from that firing to its first acknowledgement and to its
// resolution, as far as they happened by the bulletin's `as_of`. The desk's
// list (GET /api/v1/alerts?fired_since=&fired_until=) counts the same alerts
// from the operational store.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'
import { SEVERITIES, type Severity } from '../../schemas/alerting-config.ts'
import type { AlertFigures, BulletinAlerts } from '../../schemas/bulletins.ts'
import type { Span } from '../kpi/period-figures.ts'

const SLOWEST = 10

interface Told {
  alert_id: string
  rule_id: string
  region: string
  severity: string
  fired: number
  ack: number | null
  resolved: number | null
}

async function readFired(client: ClickHouseClient, span: Span, asOf: number): Promise<Told[]> {
  const result = await client.query({
    query: `SELECT alert_id, any(rule_id) AS rule_id, any(region) AS region, any(severity) AS severity,
        minIf(at, transition IN ('firing', 'reopened') AND at >= {lo:DateTime64(3, 'UTC')} AND at < {hi:DateTime64(3, 'UTC')}) AS fired,
        groupArrayIf((transition, at), transition IN ('acknowledged', 'resolved')) AS later
      FROM alert_transitions FINAL
      WHERE alert_id IN (
          SELECT alert_id FROM alert_transitions
          WHERE transition IN ('firing', 'reopened') AND at >= {lo:DateTime64(3, 'UTC')} AND at < {hi:DateTime64(3, 'UTC')})
        AND at <= {as_of:DateTime64(3, 'UTC')}
      GROUP BY alert_id`,
    query_params: { lo: chTime(span.lo), hi: chTime(span.hi), as_of: chTime(asOf) },
    format: 'JSONEachRow',
  })
  const rows = await result.json<{ alert_id: string; rule_id: string; region: string; severity: string; fired: string; later: Array<[string, string]> }>()
  return rows.map((r) => {
    const fired = msFromCh(r.fired)!
    // The first of each after this firing (an earlier life's acknowledgement does not count).
    const first = (kind: string) => {
      const times = r.later.filter(([t, at]) => t === kind && msFromCh(at)! >= fired).map(([, at]) => msFromCh(at)!)
      return times.length > 0 ? Math.min(...times) : null
    }
    return { alert_id: r.alert_id, rule_id: r.rule_id, region: r.region, severity: r.severity, fired, ack: first('acknowledged'), resolved: first('resolved') }
  })
}

const minutes = (from: number, to: number | null) => (to === null ? null : (to - from) / 60_000)
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length)
const max = (xs: number[]) => (xs.length === 0 ? null : Math.max(...xs))

function figuresOf(alerts: readonly Told[]): AlertFigures {
  const ack = alerts.flatMap((a) => (a.ack === null ? [] : [minutes(a.fired, a.ack)!]))
  const resolved = alerts.flatMap((a) => (a.resolved === null ? [] : [minutes(a.fired, a.resolved)!]))
  return {
    fired: alerts.length,
    acknowledged: ack.length,
    resolved: resolved.length,
    ack_minutes_avg: mean(ack),
    ack_minutes_max: max(ack),
    resolve_minutes_avg: mean(resolved),
    resolve_minutes_max: max(resolved),
  }
}

function groups<K extends string>(alerts: readonly Told[], keyOf: (a: Told) => K): Array<[K, Told[]]> {
  const by = new Map<K, Told[]>()
  for (const a of alerts) by.set(keyOf(a), [...(by.get(keyOf(a)) ?? []), a])
  return [...by.entries()].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]))
}

export async function alertFigures(client: ClickHouseClient, span: Span, asOf: number, ruleName: (id: string) => string): Promise<BulletinAlerts> {
  const alerts = await readFired(client, span, asOf)
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, alerts.filter((a) => a.severity === s).length])) as Record<Severity, number>
  // Never acknowledged first (by how long they fired), then the longest wait.
  const waited = (a: Told) => (a.ack === null ? Infinity : a.ack - a.fired)
  const slowest = [...alerts].sort((a, b) => waited(b) - waited(a) || a.fired - b.fired).slice(0, SLOWEST)
  return {
    total: { ...figuresOf(alerts), by_severity: bySeverity },
    rows: groups(alerts, (a) => `${a.rule_id}\u0000${a.region}`).map(([key, list]) => {
      const [rule_id, region] = key.split('\u0000')
      return { rule_id, rule_name: ruleName(rule_id), region, ...figuresOf(list) }
    }),
    by_rule: groups(alerts, (a) => a.rule_id).map(([rule_id, list]) => ({ rule_id, rule_name: ruleName(rule_id), ...figuresOf(list) })),
    by_region: groups(alerts, (a) => a.region).map(([region, list]) => ({ region, ...figuresOf(list) })),
    slowest: slowest.map((a) => ({
      alert_id: a.alert_id,
      rule_id: a.rule_id,
      rule_name: ruleName(a.rule_id),
      region: a.region,
      severity: a.severity,
      fired_at: new Date(a.fired).toISOString(),
      ack_minutes: minutes(a.fired, a.ack),
    })),
  }
}
