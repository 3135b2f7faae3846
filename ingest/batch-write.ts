// One prepared batch written to ClickHouse: the same rows in the same way the
// first time, on a retry, and when repairing after a crash
// (insert-journal.ts). The events insert carries the batch's deduplication
// token, so writing a batch again completes whatever a failed attempt left
// half-done (migration 007 says how) and never counts an event twice.
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from './event-row.ts'

export const ENTITY_TABLES = ['workorders', 'outages', 'agents', 'supervisions'] as const
export type EntityTable = (typeof ENTITY_TABLES)[number]

export type StoredBatch = Record<EntityTable, Record<string, unknown>[]> & {
  /** The insert_deduplication_token of the events insert; unique per batch. */
  token: string
  events: EventRow[]
}

/** A new token; they sort by creation time, so a journal replays in order. */
export const newBatchToken = (now: number) => `${now.toString(36).padStart(9, '0')}-${randomUUID()}`

export async function writeBatch(client: ClickHouseClient, batch: StoredBatch): Promise<void> {
  // Entity rows first: they are versioned (ReplacingMergeTree), so writing
  // them again on a retry is harmless.
  await Promise.all(
    ENTITY_TABLES.filter((table) => batch[table].length > 0).map((table) =>
      client.insert({ table, values: batch[table], format: 'JSONEachRow' }),
    ),
  )
  if (batch.events.length === 0) return
  await client.insert({
    table: 'events',
    values: batch.events,
    format: 'JSONEachRow',
    clickhouse_settings: { insert_deduplication_token: batch.token, deduplicate_blocks_in_dependent_materialized_views: 1 },
  })
}
