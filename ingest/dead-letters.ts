// Dead letters: inputs the pipeline refused, stored with their reason so the
// source's owner can see what was sent and why. Counted by reason for /metrics.
import type { ClickHouseClient } from '@clickhouse/client'

export interface DeadLetter {
  received_at: string
  source: string
  reason_code: string
  reason: string
  payload: string
  payload_bytes: number
}

export async function insertDeadLetters(client: ClickHouseClient, rows: DeadLetter[]): Promise<void> {
  if (rows.length === 0) return
  await client.insert({ table: 'dead_letters', values: rows, format: 'JSONEachRow' })
}
