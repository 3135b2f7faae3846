// Configuration of the HTTP/Socket.IO server, from the environment. Every
// variable and its default is listed in the README's configuration table; a
// bad value stops the start with a ConfigError naming the variable.
import { resolve } from 'node:path'
import { ConfigError, readInt, readSecret, readString, type Env } from '../core/env.ts'

export interface ServerConfig {
  port: number
  host: string
  /** How often the KPI snapshot is recomputed and pushed. */
  kpiTickMs: number
  /** The center's time zone: "today" starts at its local midnight. */
  timeZone: string
  /** When set, every data route and socket needs it as a bearer token. Never logged. */
  apiToken: string | undefined
  /** Largest accepted request body (POST /api/v1/events). */
  maxBodyBytes: number
  /** A snapshot whose watermark is older than this is marked stale. */
  staleAfterSeconds: number
  kpiConfigFile: string | undefined
  territoryFile: string | undefined
  /** Work-order SLA rules (SLA_RULES_FILE); the built-in defaults when unset. */
  slaRulesFile: string | undefined
  layoutsDir: string
  dashboardDist: string
}

function readTimeZone(env: Env, name: string, fallback: string): string {
  const value = readString(env, name, fallback)
  try {
    // Intl throws a RangeError for a zone it does not know.
    new Intl.DateTimeFormat('en-US', { timeZone: value })
  } catch {
    throw new ConfigError(`${name} must be an IANA time zone such as Asia/Shanghai, got '${value}'`)
  }
  return value
}

function readHost(env: Env, name: string, fallback: string): string {
  const value = readString(env, name, fallback)
  if (!/^[\w.:-]+$/.test(value)) throw new ConfigError(`${name} must be a host name or IP address, got '${value}'`)
  return value
}

function readToken(env: Env, name: string): string | undefined {
  const value = readSecret(env, name)
  if (value === undefined) return undefined
  // Length is safe to say; the value is not.
  if (value.trim() !== value || value.length < 16) {
    throw new ConfigError(`${name} must be at least 16 characters without surrounding spaces (got ${value.length} characters)`)
  }
  return value
}

export function loadServerConfig(env: Env): ServerConfig {
  const kpiConfigFile = readString(env, 'KPI_CONFIG_FILE')
  const territoryFile = readString(env, 'TERRITORY_FILE')
  const slaRulesFile = readString(env, 'SLA_RULES_FILE')
  return {
    port: readInt(env, 'PORT', 8080, { min: 0, max: 65_535 }),
    host: readHost(env, 'HOST', '127.0.0.1'),
    kpiTickMs: readInt(env, 'KPI_TICK_MS', 1000, { min: 50, max: 60_000 }),
    timeZone: readTimeZone(env, 'CENTER_TZ', 'Asia/Shanghai'),
    apiToken: readToken(env, 'API_TOKEN'),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 5 * 1024 * 1024, { min: 1024, max: 1024 * 1024 * 1024 }),
    staleAfterSeconds: readInt(env, 'STALE_AFTER_SECONDS', 60, { min: 1, max: 86_400 }),
    kpiConfigFile: kpiConfigFile && resolve(kpiConfigFile),
    territoryFile: territoryFile && resolve(territoryFile),
    slaRulesFile: slaRulesFile && resolve(slaRulesFile),
    layoutsDir: resolve(readString(env, 'LAYOUTS_DIR', 'dashboard/layouts')),
    dashboardDist: resolve(readString(env, 'DASHBOARD_DIST', 'dashboard/dist')),
  }
}
