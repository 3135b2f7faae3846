// `npm run replay -- --file F.ndjson`: ingests a file of events, one JSON
// event per line, through the same pipeline as every other source, into the
// data directory (or CLICKHOUSE_URL). Replaying a file twice changes nothing
// the second time; bad lines end in dead letters with their reasons.
import { createReadStream, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { basename } from 'node:path'
import { loadSlaRules } from '../schemas/sla.ts'
import { loadStorageConfig } from '../core/config.ts'
import { readString } from '../core/env.ts'
import { loadIngestConfig, loadJournalDir } from './config.ts'
import { parseFlags, UsageError } from '../core/cli/cli-args.ts'
import { openPipeline } from './open-pipeline.ts'
import { createProgress } from '../core/progress.ts'
import { openStorage } from '../core/storage/clickhouse.ts'
import { migrate } from '../core/storage/migrate.ts'
import { runCli } from '../core/cli/run-cli.ts'

const USAGE = `Usage: npm run replay -- --file FILE [--source NAME]

Ingests FILE (NDJSON: one event per line) into the data directory (DATA_DIR,
default ./data) or the ClickHouse server at CLICKHOUSE_URL. The app must be
stopped when using an embedded data directory (one process per directory).

  --file FILE     the NDJSON file to ingest (required)
  --source NAME   source recorded on dead letters (default file:<name>)
  --help          this text

Prints one JSON summary: lines read, accepted, rejected by reason, inserted,
duplicates skipped.`

const CHUNK = 5000

await runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, { file: { type: 'string' }, source: { type: 'string' }, help: { type: 'boolean', short: 'h' } })
  if (flags.help) return USAGE
  const file = flags.file
  if (typeof file !== 'string') throw new UsageError('--file is required')
  let size: number
  try {
    size = statSync(file).size
  } catch {
    throw new UsageError(`cannot read --file ${file}`)
  }
  const source = flags.source ?? `file:${basename(file)}`
  const storage = await openStorage(loadStorageConfig(process.env))
  try {
    await migrate(storage.client)
    const pipeline = await openPipeline(storage, {
      config: loadIngestConfig(process.env),
      journalDir: loadJournalDir(process.env),
      slaRules: loadSlaRules(readString(process.env, 'SLA_RULES_FILE')),
      logger: { info: () => {}, warn: (o, m) => console.error(m, o), error: (o, m) => console.error(m, o) },
    })
    const progress = createProgress('replay')
    const rejected: Record<string, number> = {}
    let lines = 0
    let accepted = 0
    let bytes = 0
    let chunk: string[] = []
    const send = async () => {
      const { results } = await pipeline.submit(chunk.map((input) => ({ input, source })))
      for (const r of results) {
        if (r.ok) accepted += 1
        else rejected[r.code] = (rejected[r.code] ?? 0) + 1
      }
      chunk = []
      progress.update(size === 0 ? 1 : bytes / size, `${lines} lines`)
    }
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      bytes += Buffer.byteLength(line) + 1
      if (line.trim() === '') continue
      lines += 1
      chunk.push(line)
      if (chunk.length >= CHUNK) await send()
    }
    if (chunk.length > 0) await send()
    await pipeline.stop()
    progress.done(`${lines} lines`)
    return JSON.stringify({
      file,
      lines,
      accepted,
      rejected,
      inserted: pipeline.metrics.insertedTotal,
      duplicates_skipped: pipeline.metrics.duplicatesTotal,
    })
  } finally {
    await storage.close()
  }
})
