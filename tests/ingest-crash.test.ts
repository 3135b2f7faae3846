// A process killed half-way through an insert: ClickHouse has written
// `events` but not every materialized view's target. The half-done state is
// made real and deterministic with a constraint that refuses one rollup's
// rows, so the insert fails after `events` took the batch; `npm run replay`
// keeps retrying, and is killed with SIGKILL. Its next start must complete
// that insert from the journal, so that every KPI rollup counts each stored
// event exactly once.
import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runTsx } from './support/run-command.ts'
import { freshDataDir, openTestStorage, rollupsAgainstEvents, simulatorLines, storedCounts, waitFor } from './support/kafka-ingest-fixtures.ts'

const REPLAY = 'ingest/replay-cli.ts'

async function withStorage<T>(dataDir: string, use: (client: Awaited<ReturnType<typeof openTestStorage>>['client']) => Promise<T>): Promise<T> {
  const storage = await openTestStorage(dataDir)
  try {
    return await use(storage.client)
  } finally {
    await storage.close()
  }
}

describe('an ingest process killed half-way through an insert', () => {
  it('completes that insert on its next start: every rollup counts every stored event once', { timeout: 120_000 }, async () => {
    const dataDir = freshDataDir()
    const journal = join(dataDir, 'ingest-journal')
    const lines = await simulatorLines({ seed: 7, minutes: 20 })
    const file = join(dataDir, 'events.ndjson')
    writeFileSync(file, `${lines.join('\n')}\n`)
    await withStorage(dataDir, (client) => client.command({ query: 'ALTER TABLE kpi_calls_1m ADD CONSTRAINT test_refuses CHECK offered = 0' }))

    // node itself, not the tsx launcher: SIGKILL must hit the process that holds the data.
    const child = spawn(process.execPath, ['--import', 'tsx', REPLAY, '--file', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, INGEST_BATCH_ROWS: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    await waitFor('the insert to fail on the refused rollup', () => stderr.includes('test_refuses') || undefined, 60_000, 50)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    // The state the kill left: events stored, the calls rollup without them,
    // and the batch in the journal.
    expect(readdirSync(journal).filter((f) => f.endsWith('.json'))).toHaveLength(1)
    const storedBefore = await withStorage(dataDir, async (client) => {
      const { rollups, events } = await rollupsAgainstEvents(client)
      expect(events.offered).toBeGreaterThan(0)
      expect(rollups.offered).toBe(0)
      await client.command({ query: 'ALTER TABLE kpi_calls_1m DROP CONSTRAINT test_refuses' })
      return (await storedCounts(client)).total
    })

    const again = await runTsx(REPLAY, ['--file', file], { DATA_DIR: dataDir })
    expect(again.code, again.stderr).toBe(0)
    // The replay reads its file in chunks: what the killed run had stored is
    // recognised as duplicates, the lines it never reached are inserted now.
    expect(JSON.parse(again.stdout)).toMatchObject({ lines: lines.length, inserted: lines.length - storedBefore, duplicates_skipped: storedBefore })
    expect(readdirSync(journal)).toEqual([])
    await withStorage(dataDir, async (client) => {
      const stored = await storedCounts(client)
      expect(stored.total).toBe(lines.length)
      expect(stored.distinct).toBe(lines.length)
      const { rollups, events } = await rollupsAgainstEvents(client)
      expect(rollups).toEqual(events)
    })
  })
})
