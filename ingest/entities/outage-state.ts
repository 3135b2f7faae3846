// An outage's current state, folded from its events. Notifications may come
// before the outage starts (planned work is announced days ahead), so an
// outage can exist with notifications and no start yet.
import type { DomainEvent } from '../../schemas/events.ts'
import type { Enrichment } from '../event-row.ts'
import { chTime, chTimeOrNull, msFromCh } from '../../core/time-format.ts'

export type OutageEvent = Extract<DomainEvent, { type: `outage.${string}` }>

export interface OutageState {
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
  updated_at: number
}

export function newOutage(id: string, region: string): OutageState {
  return {
    outage_id: id, region, kind: '', feeder: '', cause: '', customers_affected: 0, key_customers_affected: 0,
    etr: null, started_at: null, restored_at: null, first_notified_at: null, customers_notified: 0, updated_at: 0,
  }
}

export function applyOutageEvent(s: OutageState, event: OutageEvent): Enrichment {
  const t = Date.parse(event.occurred_at)
  // An update older than what the state already reflects must not undo it.
  const latest = t >= s.updated_at
  switch (event.type) {
    case 'outage.started':
      s.region = event.region
      s.kind = event.kind
      s.feeder = event.feeder
      s.cause = event.cause ?? ''
      s.started_at = s.started_at === null ? t : Math.min(s.started_at, t)
      if (latest || s.customers_affected === 0) s.customers_affected = event.customers_affected
      s.key_customers_affected = event.key_customers_affected ?? 0
      if (event.etr !== undefined && (latest || s.etr === null)) s.etr = Date.parse(event.etr)
      break
    case 'outage.updated':
      if (latest && event.customers_affected !== undefined) s.customers_affected = event.customers_affected
      if (latest && event.etr !== undefined) s.etr = Date.parse(event.etr)
      break
    case 'outage.restored':
      s.restored_at = s.restored_at === null ? t : Math.max(s.restored_at, t)
      break
    case 'outage.notified':
      s.first_notified_at = s.first_notified_at === null ? t : Math.min(s.first_notified_at, t)
      s.customers_notified += event.customers_notified
      break
  }
  s.updated_at = Math.max(s.updated_at, t)
  return { kind: s.kind, ref_started_at: s.started_at }
}

export function outageRow(s: OutageState, version: number): Record<string, unknown> {
  return {
    ...s,
    etr: chTimeOrNull(s.etr),
    started_at: chTimeOrNull(s.started_at),
    restored_at: chTimeOrNull(s.restored_at),
    first_notified_at: chTimeOrNull(s.first_notified_at),
    updated_at: chTime(s.updated_at),
    version,
  }
}

export function outageFromRow(row: Record<string, unknown>): OutageState {
  return {
    outage_id: String(row.outage_id),
    region: String(row.region),
    kind: String(row.kind),
    feeder: String(row.feeder),
    cause: String(row.cause),
    customers_affected: Number(row.customers_affected),
    key_customers_affected: Number(row.key_customers_affected),
    etr: msFromCh(row.etr as string | null),
    started_at: msFromCh(row.started_at as string | null),
    restored_at: msFromCh(row.restored_at as string | null),
    first_notified_at: msFromCh(row.first_notified_at as string | null),
    customers_notified: Number(row.customers_notified),
    updated_at: msFromCh(row.updated_at as string) ?? 0,
  }
}
