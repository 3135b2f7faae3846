// Outage KPIs from `outages FINAL`, one row per outage with its start,
// restoration and first notice. Outages are a few dozen a day, so the tick
// reads the ones that matter (active, or started or restored since the
// earliest period) and judges them here, where the timely-notice rule (a
// lead that depends on the kind) is plain code.
import type { ClickHouseClient } from '@clickhouse/client'
import type { OutageBrief } from '../../schemas/snapshot.ts'
import { chTime, msFromCh } from '../../core/time-format.ts'
import { etrOverrun, isActive } from '../sla/outage-state.ts'
import { TOTAL, type Key, type SumBook } from './measures.ts'

export interface OutageRow {
  outage_id: string
  region: string
  kind: string
  feeder: string
  cause: string
  customers_affected: number
  key_customers_affected: number
  etr: number | null
  started_at: number | null
  restored_at: number | null
  first_notified_at: number | null
  customers_notified: number
}

/** How long before its start an outage of a kind must be announced; kinds not listed need no notice. */
export type NoticeLeads = Partial<Record<string, number>>
export const DEFAULT_NOTICE_LEADS: NoticeLeads = { planned: 7 * 86_400_000, temporary: 24 * 3_600_000 }

/**
 * The outages that matter from `since` on: started or restored since, or not
 * restored (active now, or announced and not started yet). Whether each is
 * active is judged at the instant asked (sla/outage-state.ts), so the rows
 * stay valid while time passes.
 */
export async function readOutages(client: ClickHouseClient, since: number, region: string | null): Promise<OutageRow[]> {
  const params: Record<string, string> = { since: chTime(since) }
  if (region !== null) params.region = region
  const result = await client.query({
    query: `SELECT outage_id, region, kind, feeder, cause, customers_affected, key_customers_affected,
        etr, started_at, restored_at, first_notified_at, customers_notified
      FROM outages FINAL
      WHERE (started_at >= {since:DateTime64(3, 'UTC')} OR restored_at >= {since:DateTime64(3, 'UTC')} OR restored_at IS NULL)
        ${region === null ? '' : 'AND region = {region:String}'}`,
    query_params: params,
    format: 'JSONEachRow',
  })
  return (await result.json<Record<string, string | number | null>>()).map((r) => ({
    outage_id: String(r.outage_id),
    region: String(r.region),
    kind: String(r.kind),
    feeder: String(r.feeder),
    cause: String(r.cause),
    customers_affected: Number(r.customers_affected),
    key_customers_affected: Number(r.key_customers_affected),
    etr: msFromCh(r.etr as string | null),
    started_at: msFromCh(r.started_at as string | null),
    restored_at: msFromCh(r.restored_at as string | null),
    first_notified_at: msFromCh(r.first_notified_at as string | null),
    customers_notified: Number(r.customers_notified),
  }))
}

const keysOf = (o: OutageRow): Key[] => [TOTAL, `region:${o.region}`, `outage_kind:${o.kind}`]

/** Adds the windowed outage sums of [lo, hi) to a book. */
export function addOutageSums(book: SumBook, rows: readonly OutageRow[], lo: number, hi: number, leads: NoticeLeads): void {
  for (const o of rows) {
    if (o.started_at === null) continue
    if (o.started_at >= lo && o.started_at < hi) {
      const lead = leads[o.kind]
      const timely = lead !== undefined && o.first_notified_at !== null && o.first_notified_at <= o.started_at - lead
      for (const key of keysOf(o)) {
        book.add(key, {
          outage_customers_started: o.customers_affected,
          // Repeated notices add up; more notified than affected is still full coverage.
          outage_customers_notified: Math.min(o.customers_notified, o.customers_affected),
          notices_required: lead === undefined ? 0 : 1,
          notices_timely: timely ? 1 : 0,
        })
      }
    }
    if (o.restored_at !== null && o.restored_at >= lo && o.restored_at < hi) {
      for (const key of keysOf(o)) book.add(key, { outages_restored: 1, restore_ms: Math.max(0, o.restored_at - o.started_at) })
    }
  }
}


/** The largest active outages first (customers, then key customers, then the oldest). */
export function topActiveOutages(rows: readonly OutageRow[], now: number, limit: number): OutageBrief[] {
  return rows
    .filter((o) => isActive(o, now))
    .sort(
      (a, b) =>
        b.customers_affected - a.customers_affected ||
        b.key_customers_affected - a.key_customers_affected ||
        a.started_at! - b.started_at!,
    )
    .slice(0, limit)
    .map((o) => ({
      outage_id: o.outage_id,
      region: o.region,
      kind: o.kind,
      feeder: o.feeder,
      cause: o.cause,
      customers_affected: o.customers_affected,
      key_customers_affected: o.key_customers_affected,
      started_at: new Date(o.started_at!).toISOString(),
      etr: o.etr === null ? null : new Date(o.etr).toISOString(),
      etr_overrun: etrOverrun(o, now),
    }))
}
