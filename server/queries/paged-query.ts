// A list page and its total from one query. With exact_rows_before_limit the
// engine reports how many rows matched before LIMIT/OFFSET (it had to sort
// them all for the page anyway), so a list does not read the table a second
// time to count it: on the work orders of a month's history that second read
// cost as much as the page.
import type { ClickHouseClient } from '@clickhouse/client'

export interface PagedQuery {
  /** A SELECT ending in LIMIT … OFFSET …. */
  query: string
  /** FROM … WHERE … of the same rows, to count them when the engine does not report the total. */
  from: string
  query_params: Record<string, unknown>
}

export async function queryPage<T>(client: ClickHouseClient, page: PagedQuery): Promise<{ rows: T[]; total: number }> {
  const result = await client.query({
    query: page.query,
    query_params: page.query_params,
    format: 'JSON',
    clickhouse_settings: { exact_rows_before_limit: 1 },
  })
  const json = await result.json<T>()
  const reported = json.rows_before_limit_at_least
  // A ClickHouse server of another version may leave the statistic out (an
  // empty result, say): then the rows are counted.
  if (reported !== undefined) return { rows: json.data, total: Number(reported) }
  const count = await client.query({ query: `SELECT count() AS n ${page.from}`, query_params: page.query_params, format: 'JSONEachRow' })
  const [counted] = await count.json<{ n: string | number }>()
  return { rows: json.data, total: Number(counted?.n ?? 0) }
}
