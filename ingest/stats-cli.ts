// `npm run stats`: one JSON object describing what is stored: rows per event
// type, dead letters by reason, and the oldest and newest occurred_at. Works
// on an embedded data directory while the app is stopped, and against
// CLICKHOUSE_URL.
import { loadStorageConfig } from '../core/config.ts'
import { parseFlags } from '../core/cli/cli-args.ts'
import { runCli } from '../core/cli/run-cli.ts'
import { openStorage } from '../core/storage/clickhouse.ts'
import { migrate } from '../core/storage/migrate.ts'
import { EVENT_TYPES } from '../schemas/events.ts'

const USAGE = `Usage: npm run stats

Prints one JSON object: events per type, dead letters by reason, oldest and
newest occurred_at, for DATA_DIR (default ./data; the app must be stopped) or
the ClickHouse server at CLICKHOUSE_URL.`

async function rows<T>(client: Awaited<ReturnType<typeof openStorage>>['client'], query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>()
}

await runCli(USAGE, async (argv) => {
  if (parseFlags(argv, { help: { type: 'boolean', short: 'h' } }).help) return USAGE
  const storage = await openStorage(loadStorageConfig(process.env))
  try {
    // Migrating first makes stats answer zeros on an empty data directory.
    await migrate(storage.client)
    const byType = await rows<{ type: string; n: string }>(storage.client, 'SELECT type, count() AS n FROM events GROUP BY type')
    const dead = await rows<{ reason_code: string; n: string }>(
      storage.client,
      'SELECT reason_code, count() AS n FROM dead_letters GROUP BY reason_code ORDER BY reason_code',
    )
    const [range] = await rows<{ oldest: string | null; newest: string | null; total: string }>(
      storage.client,
      `SELECT if(count() = 0, NULL, min(occurred_at)) AS oldest, if(count() = 0, NULL, max(occurred_at)) AS newest,
              count() AS total FROM events`,
    )
    const counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0]))
    for (const r of byType) counts[r.type] = Number(r.n)
    const iso = (t: string | null) => (t === null ? null : `${t.replace(' ', 'T')}Z`)
    return JSON.stringify({
      storage: storage.describe,
      events_total: Number(range.total),
      events_by_type: counts,
      dead_letters_total: dead.reduce((s, r) => s + Number(r.n), 0),
      dead_letters_by_reason: Object.fromEntries(dead.map((r) => [r.reason_code, Number(r.n)])),
      oldest_occurred_at: iso(range.oldest),
      newest_occurred_at: iso(range.newest),
    })
  } finally {
    await storage.close()
  }
})
