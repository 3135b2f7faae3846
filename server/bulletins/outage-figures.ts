// A bulletin's outages (停电): those that started within the period (the
// desk's list, GET /api/v1/outages?started_since=&started_until=, lists the
// same), with the customers they cut off and the minutes lost within the
// period: from the start to the restoration, or to the period's end for one
// still off supply then. Customer-minutes weigh those minutes by customers
// affected (the utilities' 停电时户数, in minutes). Rows are the outages'
// current state (`outages FINAL`), read as the KPI engine reads them.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BulletinOutage, BulletinOutages, OutageFigures } from '../../schemas/bulletins.ts'
import { readOutages, type OutageRow } from '../kpi/outage-figures.ts'
import type { Span } from '../kpi/period-figures.ts'

const LARGEST = 10

interface Judged {
  row: OutageRow
  restored: boolean
  minutes: number
}

function figuresOf(list: readonly Judged[]): OutageFigures {
  const total = (f: (j: Judged) => number) => list.reduce((n, j) => n + f(j), 0)
  return {
    started: list.length,
    customers_affected: total((j) => j.row.customers_affected),
    key_customers_affected: total((j) => j.row.key_customers_affected),
    restored: total((j) => (j.restored ? 1 : 0)),
    active_at_end: total((j) => (j.restored ? 0 : 1)),
    minutes_lost: total((j) => j.minutes),
    customer_minutes_lost: total((j) => j.minutes * j.row.customers_affected),
  }
}

function grouped<K extends string>(list: readonly Judged[], keyOf: (j: Judged) => K, order: readonly K[]): Array<[K, Judged[]]> {
  const keys = [...order, ...[...new Set(list.map(keyOf))].filter((k) => !order.includes(k)).sort()]
  return keys.map((k): [K, Judged[]] => [k, list.filter((j) => keyOf(j) === k)]).filter(([, l]) => l.length > 0)
}

export async function outageFigures(client: ClickHouseClient, span: Span, regionCodes: readonly string[], kinds: readonly string[]): Promise<BulletinOutages> {
  const started = (await readOutages(client, span.lo, null)).filter((o) => o.started_at !== null && o.started_at >= span.lo && o.started_at < span.hi)
  const judged = started.map((row): Judged => {
    const restored = row.restored_at !== null && row.restored_at < span.hi
    const end = restored ? row.restored_at! : span.hi
    return { row, restored, minutes: Math.max(0, end - row.started_at!) / 60_000 }
  })
  const largest = [...judged]
    .sort((a, b) => b.minutes * b.row.customers_affected - a.minutes * a.row.customers_affected || a.row.outage_id.localeCompare(b.row.outage_id))
    .slice(0, LARGEST)
    .map(({ row, minutes }): BulletinOutage => ({
      outage_id: row.outage_id,
      region: row.region,
      kind: row.kind,
      feeder: row.feeder,
      started_at: new Date(row.started_at!).toISOString(),
      restored_at: row.restored_at === null ? null : new Date(row.restored_at).toISOString(),
      customers_affected: row.customers_affected,
      minutes_lost: minutes,
      customer_minutes_lost: minutes * row.customers_affected,
    }))
  return {
    total: figuresOf(judged),
    by_region: grouped(judged, (j) => j.row.region, regionCodes).map(([region, list]) => ({ region, ...figuresOf(list) })),
    by_kind: grouped(judged, (j) => j.row.kind, kinds).map(([kind, list]) => ({ kind, ...figuresOf(list) })),
    largest,
  }
}
