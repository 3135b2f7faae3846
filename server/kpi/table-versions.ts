// Which tables changed since the tick last read them. Every insert makes a
// new part with a higher block number, so a table whose active parts have
// the same highest block number and count has the same rows (a merge changes
// the count, which costs a needless read, never a missed one). One small
// query over system.parts per tick lets the tick read again only the tables
// that changed: at the busiest hour the calls, agents and occupancy change
// every second; outages, work orders and callbacks a few times a minute.
// The same system table answers on the embedded engine and on a server.
import type { ClickHouseClient } from '@clickhouse/client'

export type TableVersionsNow = Map<string, string>

export async function readTableVersions(client: ClickHouseClient, tables: readonly string[]): Promise<TableVersionsNow> {
  const result = await client.query({
    query: `SELECT table, concat(toString(max(max_block_number)), '/', toString(count()))
      FROM system.parts
      WHERE database = currentDatabase() AND active AND table IN {tables:Array(String)}
      GROUP BY table`,
    query_params: { tables },
    format: 'JSONCompactEachRow',
  })
  const versions: TableVersionsNow = new Map(tables.map((t) => [t, 'empty']))
  for (const [table, version] of await result.json<[string, string]>()) versions.set(table, version)
  return versions
}

/**
 * A value read from a table, read again only when the table's version or
 * the key of what was asked (e.g. the minute segments) changed. A failed
 * read is not kept.
 */
export class VersionedRead<T> {
  private cached: { version: string; key: string; value: Promise<T> } | null = null

  get(version: string, key: string, read: () => Promise<T>): Promise<T> {
    if (this.cached && this.cached.version === version && this.cached.key === key) return this.cached.value
    const value = read()
    const entry = { version, key, value }
    this.cached = entry
    value.catch(() => {
      if (this.cached === entry) this.cached = null
    })
    return value
  }
}
