// The one place a ClickHouse client is built. Embedded: the chDB engine
// in-process with data under DATA_DIR; deployed: a ClickHouse server at
// CLICKHOUSE_URL. Every query, insert and migration after this point is the
// same code in both modes.
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type ClickHouseClient } from '@clickhouse/client'

type ClientOptions = NonNullable<Parameters<typeof createClient>[0]>
import type { StorageConfig } from '../config.ts'

export class StorageOpenError extends Error {
  override name = 'StorageOpenError'
}

export interface Storage {
  client: ClickHouseClient
  /** What this client talks to, safe to print (no credentials). */
  describe: string
  mode: StorageConfig['mode']
  close(): Promise<void>
}

const inUse = (dataDir: string) =>
  new StorageOpenError(`data directory ${dataDir} is in use by another process (stop it first, or set DATA_DIR to another directory)`)

// The engine writes its PID to `status` while it holds a directory and
// removes the file on a clean close. Checking it first gives one clear line
// instead of the engine's own lock error printed on stderr; a file left by a
// killed process names a dead PID and is ignored. A killed process that its
// parent has not reaped yet (a zombie) still answers kill(pid, 0) but holds
// nothing: a supervisor restarting a crashed ingest at once must not be told
// the directory is in use.
function holderPid(dataDir: string): number | null {
  let text: string
  try {
    text = readFileSync(join(dataDir, 'status'), 'utf8')
  } catch {
    return null
  }
  const pid = Number(/^PID: (\d+)/m.exec(text)?.[1])
  if (!Number.isInteger(pid) || pid === process.pid) return null
  try {
    process.kill(pid, 0)
  } catch {
    return null
  }
  return isDefunct(pid) ? null : pid
}

/** Whether a process has exited and only awaits reaping (Linux /proc state Z or X). */
export function isDefunct(pid: number): boolean {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return false
  }
  // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state === 'Z' || state === 'X'
}

// Loaded lazily: a deployed process never loads the 500 MB engine.
async function openEmbedded(dataDir: string): Promise<ClickHouseClient> {
  mkdirSync(dataDir, { recursive: true })
  if (holderPid(dataDir) !== null) throw inUse(dataDir)
  const { createChdbConnection } = await import('chdb/connection')
  try {
    // chdb types its connection against the deprecated @clickhouse/client-common
    // package; the shapes are the same, the declarations are not shared.
    const connection = createChdbConnection({ path: dataDir }) as unknown as NonNullable<ClientOptions['connection']>
    return createClient({ connection })
  } catch (err) {
    const text = `${(err as Error).message} ${String((err as { cause?: Error }).cause?.message ?? '')}`
    if (/lock|already running|only one active data directory/i.test(text)) {
      throw inUse(dataDir)
    }
    throw new StorageOpenError(`cannot open the embedded ClickHouse at ${dataDir}: ${(err as Error).message}`)
  }
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.mode === 'embedded') {
    const client = await openEmbedded(config.dataDir)
    return { client, describe: `embedded ClickHouse (chDB) at ${config.dataDir}`, mode: 'embedded', close: () => client.close() }
  }
  const client = createClient({
    url: config.url.origin,
    username: config.user,
    password: config.password,
    database: config.database,
    request_timeout: 30_000,
    // 64-bit integers as JSON numbers, as the embedded engine returns them, so
    // that both modes read the same rows (counts stay far below 2^53).
    clickhouse_settings: { date_time_input_format: 'best_effort', output_format_json_quote_64bit_integers: 0 },
  })
  return {
    client,
    describe: `ClickHouse server at ${config.url.origin}/${config.database}`,
    mode: 'server',
    close: () => client.close(),
  }
}
