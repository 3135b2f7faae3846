// Where the operational store lives: a PostgreSQL server when DATABASE_URL
// is set, otherwise the embedded PGlite under $DATA_DIR/pg, beside the
// embedded ClickHouse.
import { join, resolve } from 'node:path'
import { ConfigError, readString, type Env } from '../env.ts'
import type { StoreConfig } from './store.ts'

const URL_HELP = 'a postgres:// URL such as postgres://user:password@postgres:5432/command_center (percent-encode special characters in the password)'

// The value holds a password: errors name the variable and what is expected, never the value.
function readPostgresUrl(env: Env, name: string): URL | undefined {
  const value = readString(env, name)
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${name} must be ${URL_HELP}`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must be ${URL_HELP}; its scheme is '${url.protocol.replace(/:$/, '')}'`)
  }
  // A Unix socket is named by ?host=/path, which leaves the URL's own host empty.
  if (url.hostname === '' && !url.searchParams.has('host')) throw new ConfigError(`${name} must name a host: ${URL_HELP}`)
  return url
}

export function loadStoreConfig(env: Env): StoreConfig {
  const url = readPostgresUrl(env, 'DATABASE_URL')
  if (url) return { mode: 'server', url }
  return { mode: 'embedded', dir: join(resolve(readString(env, 'DATA_DIR', './data')), 'pg') }
}
