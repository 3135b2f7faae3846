// `npm run replay` and `npm run stats` as a person uses them: on a data
// directory, twice, with bad lines, and while another process holds it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStorage } from '../core/storage/clickhouse.ts'
import { runTsx } from './support/run-command.ts'
import { sampleEvent } from './support/sample-events.ts'

const work = mkdtempSync(join(tmpdir(), 'cc-cli-'))
const dataDir = join(work, 'data')
const file = join(work, 'events.ndjson')
const env = { DATA_DIR: dataDir }

beforeAll(() => {
  const now = Date.now()
  const good = Array.from({ length: 300 }, (_, i) =>
    JSON.stringify(sampleEvent(i % 3 === 0 ? 'call.answered' : 'call.offered', now - i * 60_000, { call_id: `F-${i}` })),
  )
  const bad = ['{not json', JSON.stringify({ ...sampleEvent('call.offered'), queue: undefined }), JSON.stringify({ type: 'x' })]
  writeFileSync(file, [...good.slice(0, 150), ...bad, '', ...good.slice(150)].join('\n') + '\n')
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('replay and stats', () => {
  it('ingests the good lines, dead-letters the bad ones, and a second replay changes no count', async () => {
    const first = await runTsx('ingest/replay-cli.ts', ['--file', file], env)
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({
      lines: 303,
      accepted: 300,
      rejected: { not_json: 1, invalid: 1, unknown_type: 1 },
      inserted: 300,
    })
    const statsAfterFirst = JSON.parse((await runTsx('ingest/stats-cli.ts', [], env)).stdout)
    expect(statsAfterFirst.events_total).toBe(300)
    expect(statsAfterFirst.events_by_type['call.answered']).toBe(100)
    expect(statsAfterFirst.events_by_type['call.offered']).toBe(200)
    expect(statsAfterFirst.dead_letters_by_reason).toEqual({ invalid: 1, not_json: 1, unknown_type: 1 })
    expect(Date.parse(statsAfterFirst.newest_occurred_at) - Date.parse(statsAfterFirst.oldest_occurred_at)).toBe(299 * 60_000)

    const second = await runTsx('ingest/replay-cli.ts', ['--file', file], env)
    expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, duplicates_skipped: 300 })
    const statsAfterSecond = JSON.parse((await runTsx('ingest/stats-cli.ts', [], env)).stdout)
    expect(statsAfterSecond.events_by_type).toEqual(statsAfterFirst.events_by_type)
  })

  it('explains a flag mistake in one line and exits 2', async () => {
    const missing = await runTsx('ingest/replay-cli.ts', [], env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^error: --file is required\n/)
    const unknown = await runTsx('ingest/replay-cli.ts', ['--flie', file], env)
    expect(unknown.stderr).toMatch(/^error: Unknown option '--flie'/)
    const help = await runTsx('ingest/stats-cli.ts', ['--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: npm run stats')
  })

  it('says in one clear line that the data directory is in use by another process', async () => {
    const held = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
    try {
      const result = await runTsx('ingest/stats-cli.ts', [], env)
      expect(result.code).toBe(2)
      expect(result.stderr.trim()).toBe(
        `error: data directory ${dataDir} is in use by another process (stop it first, or set DATA_DIR to another directory)`,
      )
    } finally {
      await held.close()
    }
  })

  it('refuses a bad configuration value naming the variable', async () => {
    const result = await runTsx('ingest/stats-cli.ts', [], { ...env, RAW_TTL_DAYS: 'forever' })
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe("error: RAW_TTL_DAYS must be an integer, got 'forever'")
  })
})
