// A list page and its total from one query; when the engine leaves the total
// out (a server of another version, an empty result), the rows are counted.
import type { ClickHouseClient } from '@clickhouse/client'
import { describe, expect, it } from 'vitest'
import { queryPage } from '../server/queries/paged-query.ts'

function fakeClient(page: Record<string, unknown>, count: number) {
  const asked: string[] = []
  const client = {
    query: async ({ query }: { query: string }) => {
      asked.push(query)
      return { json: async () => (query.startsWith('SELECT count()') ? [{ n: String(count) }] : page) }
    },
  } as unknown as ClickHouseClient
  return { client, asked }
}

const page = { query: 'SELECT id FROM t FINAL WHERE x ORDER BY id LIMIT {limit:UInt32} OFFSET {offset:UInt32}', from: 'FROM t FINAL WHERE x', query_params: {} }

describe('queryPage', () => {
  it('takes the total the engine reports with the page, in one query', async () => {
    const { client, asked } = fakeClient({ data: [{ id: 'a' }], rows: 1, rows_before_limit_at_least: 7 }, 99)
    expect(await queryPage(client, page)).toEqual({ rows: [{ id: 'a' }], total: 7 })
    expect(asked).toHaveLength(1)
  })

  it('counts the same rows when the engine does not report a total', async () => {
    const { client, asked } = fakeClient({ data: [], rows: 0 }, 3)
    expect(await queryPage(client, page)).toEqual({ rows: [], total: 3 })
    expect(asked[1]).toBe('SELECT count() AS n FROM t FINAL WHERE x')
  })
})
