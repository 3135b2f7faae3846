// The insert journal on its own (no engine): what a stopped process leaves
// behind is read back whole and in order, and whatever cannot be trusted
// (half-written, unreadable, or for other storage) is never inserted.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newBatchToken, type StoredBatch } from '../ingest/batch-write.ts'
import { InsertJournal } from '../ingest/insert-journal.ts'

const batch = (at: number, id: string): StoredBatch => ({
  token: newBatchToken(at),
  workorders: [{ workorder_id: `W-${id}`, version: at }],
  outages: [],
  agents: [],
  supervisions: [],
  events: [{ event_id: id, type: 'workorder.created' }],
})

function collecting() {
  const warnings: string[] = []
  return { warnings, logger: { warn: (_o: object, m: string) => warnings.push(m) } }
}

describe('insert journal', () => {
  it('gives back the unfinished batches exactly, oldest first, and forgets removed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-journal-'))
    const { logger, warnings } = collecting()
    const journal = await InsertJournal.open(dir, 'embedded at /data', logger)
    const [older, newer, done] = [batch(1_000, 'a'), batch(2_000, 'b'), batch(3_000, 'c')]
    await journal.write(newer)
    await journal.write(older)
    await journal.write(done)
    await journal.remove(done.token)
    expect(await journal.unfinished()).toEqual([older, newer])
    expect(warnings).toEqual([])
  })

  it('reads an entry written before the supervisions table existed as having none of its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-journal-'))
    const { logger, warnings } = collecting()
    const journal = await InsertJournal.open(dir, 'embedded at /data', logger)
    const { supervisions: _none, ...older } = batch(1_000, 'a')
    writeFileSync(join(dir, `${older.token}.json`), JSON.stringify({ target: 'embedded at /data', ...older }))
    expect(await journal.unfinished()).toEqual([{ ...older, supervisions: [] }])
    expect(warnings).toEqual([])
  })

  it('drops half-written entries, sets unreadable ones aside, and leaves those for other storage alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-journal-'))
    const { logger, warnings } = collecting()
    const other = await InsertJournal.open(dir, 'server at http://elsewhere:8123/db', logger)
    const foreign = batch(1_000, 'f')
    await other.write(foreign)
    writeFileSync(join(dir, `${newBatchToken(2_000)}.json.tmp`), '{"token":')
    writeFileSync(join(dir, `${newBatchToken(3_000)}.json`), 'not json')
    const journal = await InsertJournal.open(dir, 'embedded at /data', logger)
    const mine = batch(4_000, 'm')
    await journal.write(mine)

    expect(await journal.unfinished()).toEqual([mine])
    const left = readdirSync(dir).sort()
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([])
    expect(left.filter((n) => n.endsWith('.unreadable'))).toHaveLength(1)
    expect(left).toContain(`${foreign.token}.json`)
    expect(warnings).toEqual([
      'insert journal: an unfinished batch is for other storage; left alone',
      'insert journal: an entry cannot be read; set aside',
    ])
  })

  it('names the directory and the variable when it cannot be created', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cc-journal-')), 'a-file')
    writeFileSync(file, '')
    await expect(InsertJournal.open(join(file, 'journal'), 'x', collecting().logger)).rejects.toThrow(
      /^cannot create the insert journal at .*a-file\/journal \(INGEST_JOURNAL_DIR\)/,
    )
  })
})
