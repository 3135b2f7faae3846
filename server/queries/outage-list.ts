// The outage drill-down: current state of outages (FINAL over the entity
// table), filtered and paged in ClickHouse. Active and past-ETR are judged
// by the one outage module (server/sla/outage-state.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../core/time-format.ts'
import { ACTIVE_SQL, ETR_OVERRUN_SQL } from '../sla/outage-state.ts'
import { isoFromCh } from './iso-time.ts'
import { queryPage } from './paged-query.ts'

export interface OutageFilter {
  active?: boolean
  kind?: string
  region?: string
  /** true: with key customers off supply. */
  key_customers?: boolean
  /** true: active and past its ETR. */
  etr_overrun?: boolean
  /** Part of an outage id or feeder, any case. */
  q?: string
  /** Started at or after / before (ISO 8601): a period's outages, as a bulletin counts them. */
  started_since?: string
  started_until?: string
  sort?: OutageSort
  limit: number
  offset: number
}

/** customers: active first, then the most customers (the default); started: newest first; etr: the earliest ETR first. */
export const OUTAGE_SORTS = ['customers', 'started', 'etr'] as const
export type OutageSort = (typeof OUTAGE_SORTS)[number]

const ORDER_BY: Record<OutageSort, string> = {
  customers: 'is_active DESC, customers_affected DESC, started_at DESC',
  started: 'started_at DESC',
  etr: 'is_active DESC, etr ASC NULLS LAST',
}

export interface OutageRow {
  outage_id: string
  region: string
  kind: string
  feeder: string
  cause: string
  customers_affected: number
  key_customers_affected: number
  customers_notified: number
  started_at: string | null
  etr: string | null
  restored_at: string | null
  first_notified_at: string | null
  active: boolean
  /** Active and past its estimated time of restoration. */
  etr_overrun: boolean
}

interface RawRow extends Omit<OutageRow, 'active' | 'etr_overrun'> {
  is_active: number
  is_overrun: number
}

export async function listOutages(
  client: ClickHouseClient,
  filter: OutageFilter,
  now: Date,
): Promise<{ total: number; items: OutageRow[] }> {
  // Outages known only from an advance notice (not started yet) are not listed.
  const conditions = ['started_at IS NOT NULL']
  if (filter.active !== undefined) conditions.push(filter.active ? ACTIVE_SQL : `NOT ${ACTIVE_SQL}`)
  if (filter.kind !== undefined) conditions.push('kind = {kind:String}')
  if (filter.region !== undefined) conditions.push('region = {region:String}')
  if (filter.key_customers !== undefined) conditions.push(filter.key_customers ? 'key_customers_affected > 0' : 'key_customers_affected = 0')
  if (filter.etr_overrun !== undefined) conditions.push(filter.etr_overrun ? ETR_OVERRUN_SQL : `NOT ${ETR_OVERRUN_SQL}`)
  if (filter.q !== undefined && filter.q !== '')
    conditions.push('(positionCaseInsensitive(outage_id, {q:String}) > 0 OR positionCaseInsensitive(feeder, {q:String}) > 0)')
  if (filter.started_since !== undefined) conditions.push("started_at >= {started_since:DateTime64(3, 'UTC')}")
  if (filter.started_until !== undefined) conditions.push("started_at < {started_until:DateTime64(3, 'UTC')}")
  const where = `WHERE ${conditions.join(' AND ')}`
  const query_params = {
    now: chTime(now.getTime()),
    started_since: chTime(Date.parse(filter.started_since ?? '1970-01-01T00:00:00Z')),
    started_until: chTime(Date.parse(filter.started_until ?? '1970-01-01T00:00:00Z')),
    kind: filter.kind ?? '',
    region: filter.region ?? '',
    q: filter.q ?? '',
    limit: filter.limit,
    offset: filter.offset,
  }
  const { rows, total } = await queryPage<RawRow>(client, {
    query: `SELECT outage_id, region, kind, feeder, cause, customers_affected, key_customers_affected, customers_notified,
        started_at, etr, restored_at, first_notified_at,
        ${ACTIVE_SQL} AS is_active,
        ${ETR_OVERRUN_SQL} AS is_overrun
      FROM outages FINAL ${where}
      ORDER BY ${ORDER_BY[filter.sort ?? 'customers']}, outage_id
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    from: `FROM outages FINAL ${where}`,
    query_params,
  })
  return {
    total,
    items: rows.map(({ is_active, is_overrun, ...r }) => ({
      ...r,
      customers_affected: Number(r.customers_affected),
      key_customers_affected: Number(r.key_customers_affected),
      customers_notified: Number(r.customers_notified),
      started_at: isoFromCh(r.started_at),
      etr: isoFromCh(r.etr),
      restored_at: isoFromCh(r.restored_at),
      first_notified_at: isoFromCh(r.first_notified_at),
      active: Number(is_active) === 1,
      etr_overrun: Number(is_overrun) === 1,
    })),
  }
}
