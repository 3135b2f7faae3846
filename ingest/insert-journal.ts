// Crash repair for inserts. ClickHouse writes `events` and then each
// materialized view's target; a process killed in between leaves events
// stored without their rollup rows, and when the source delivers them again
// they are skipped as already stored: the KPIs would under-count for good.
// So a batch's exact rows are written here before its insert and removed once
// the insert landed. On the next start every entry left is written again
// with its own token (batch-write.ts): each table keeps what it has and takes
// what it missed. Files are written whole and renamed into place, so an entry
// is never half there. Entries name the storage they are for; one for another
// (DATA_DIR or CLICKHOUSE_URL changed in between) is left alone, and said.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ENTITY_TABLES, type StoredBatch } from './batch-write.ts'
import { ConfigError } from '../core/env.ts'

export interface JournalLogger {
  warn(obj: object, msg: string): void
}

interface Entry extends StoredBatch {
  target: string
}

const SUFFIX = '.json'

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  // An entry written before an entity table existed has no rows for it.
  for (const table of ENTITY_TABLES) v[table] ??= []
  return (
    typeof v.token === 'string' &&
    typeof v.target === 'string' &&
    Array.isArray(v.events) &&
    ENTITY_TABLES.every((table) => Array.isArray(v[table]))
  )
}

export class InsertJournal {
  private constructor(
    readonly dir: string,
    private readonly target: string,
    private readonly logger: JournalLogger,
  ) {}

  /** `target` names the storage the batches go to (Storage.describe). */
  static async open(dir: string, target: string, logger: JournalLogger): Promise<InsertJournal> {
    try {
      await mkdir(dir, { recursive: true })
    } catch (err) {
      throw new ConfigError(`cannot create the insert journal at ${dir} (INGEST_JOURNAL_DIR): ${(err as Error).message}`)
    }
    return new InsertJournal(dir, target, logger)
  }

  async write(batch: StoredBatch): Promise<void> {
    const file = this.file(batch.token)
    const entry: Entry = { target: this.target, ...batch }
    await writeFile(`${file}.tmp`, JSON.stringify(entry))
    await rename(`${file}.tmp`, file)
  }

  async remove(token: string): Promise<void> {
    await rm(this.file(token), { force: true })
  }

  /** Batches a stopped process did not finish, oldest first. */
  async unfinished(): Promise<StoredBatch[]> {
    const all = await readdir(this.dir)
    // A file still being written when the process stopped: its batch's
    // insert had not started, so there is nothing to complete.
    for (const name of all.filter((n) => n.endsWith(`${SUFFIX}.tmp`))) await rm(join(this.dir, name), { force: true })
    const names = all.filter((name) => name.endsWith(SUFFIX)).sort()
    const batches: StoredBatch[] = []
    for (const name of names) {
      const path = join(this.dir, name)
      let entry: unknown
      try {
        entry = JSON.parse(await readFile(path, 'utf8'))
      } catch {
        entry = undefined
      }
      if (!isEntry(entry)) {
        await rename(path, `${path}.unreadable`)
        this.logger.warn({ file: `${path}.unreadable` }, 'insert journal: an entry cannot be read; set aside')
        continue
      }
      if (entry.target !== this.target) {
        this.logger.warn({ file: path, for: entry.target }, 'insert journal: an unfinished batch is for other storage; left alone')
        continue
      }
      const { target: _target, ...batch } = entry
      batches.push(batch)
    }
    return batches
  }

  private file(token: string): string {
    return join(this.dir, `${token}${SUFFIX}`)
  }
}
