// Configuration of the HTTP/Socket.IO server, from the environment. Every
// variable and its default is listed in the README's configuration table; a
// bad value stops the start with a ConfigError naming the variable.
import { resolve } from 'node:path'
import { ConfigError, readInt, readSecret, readString, type Env } from '../core/env.ts'
import { loadBulletinConfig, type BulletinConfig } from './bulletins/bulletin-config.ts'
import { loadSupervisionConfig, type SupervisionConfig } from './supervision/supervision-config.ts'

export interface ServerConfig {
  port: number
  host: string
  /** How often the KPI snapshot is recomputed and pushed. */
  kpiTickMs: number
  /** The center's time zone: "today" starts at its local midnight. */
  timeZone: string
  /**
   * The address people and walls reach the server at (PUBLIC_URL), e.g.
   * https://command.example.com: its origin is accepted for requests that
   * change something, an https one makes cookies Secure, and links printed on
   * the console (the setup link) use it.
   */
  publicUrl: URL | undefined
  /** Other origins pages may be served from (ALLOWED_ORIGINS), e.g. a second host name. */
  allowedOrigins: string[]
  /** People's sessions: ended after this long unused, and this long after sign-in however active. */
  sessionIdleMinutes: number
  sessionMaxHours: number
  /** A paired display's session ends after this many days of silence. */
  deviceSessionDays: number
  /** Requests one address may make in a minute, over every route (the sign-in has its own, stricter limit). */
  rateLimitPerMinute: number
  /** Largest accepted request body (POST /api/v1/events). */
  maxBodyBytes: number
  /** A snapshot whose watermark is older than this is marked stale. */
  staleAfterSeconds: number
  kpiConfigFile: string | undefined
  territoryFile: string | undefined
  /** Work-order SLA rules (SLA_RULES_FILE); the built-in defaults when unset. */
  slaRulesFile: string | undefined
  /** Alerting rules, receivers, routes, escalation and roster (ALERTING_FILE, JSON or YAML); the built-in default set when unset. */
  alertingFile: string | undefined
  layoutsDir: string
  dashboardDist: string
  /** Supervision orders: reminders, the alert after them, the teams' webhook. */
  supervision: SupervisionConfig
  /** A shift still unconfirmed this long after its boundary: a log entry and an alert to the incoming lead. */
  handoverRemindAfterMinutes: number
  /** The daily and weekly bulletins: when they are due, the PDF's font. */
  bulletins: BulletinConfig
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

function readOrigin(text: string, name: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`${name} must be an http(s) address such as https://command.example.com, got '${text}'`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) address, got '${text}'`)
  return url
}

function readPublicUrl(env: Env): URL | undefined {
  const value = readString(env, 'PUBLIC_URL')
  return value === undefined ? undefined : readOrigin(value, 'PUBLIC_URL')
}

function readOrigins(env: Env): string[] {
  const value = readString(env, 'ALLOWED_ORIGINS')
  if (value === undefined) return []
  return value.split(',').map((o) => o.trim()).filter(Boolean).map((o) => readOrigin(o, 'ALLOWED_ORIGINS').origin)
}

// API_TOKEN opened everything with one shared secret, even in a URL; named
// users and API tokens replace it. A start that still sets it is told how to move.
function refuseApiToken(env: Env): void {
  if (readSecret(env, 'API_TOKEN') !== undefined) {
    throw new ConfigError(
      'API_TOKEN is no longer used: create named API tokens with scopes instead (POST /api/v1/tokens or /admin/tokens) and send them as Authorization: Bearer <token>; unset API_TOKEN',
    )
  }
}

export function loadServerConfig(env: Env): ServerConfig {
  refuseApiToken(env)
  const kpiConfigFile = readString(env, 'KPI_CONFIG_FILE')
  const territoryFile = readString(env, 'TERRITORY_FILE')
  const slaRulesFile = readString(env, 'SLA_RULES_FILE')
  const alertingFile = readString(env, 'ALERTING_FILE')
  return {
    port: readInt(env, 'PORT', 8080, { min: 0, max: 65_535 }),
    host: readHost(env, 'HOST', '127.0.0.1'),
    kpiTickMs: readInt(env, 'KPI_TICK_MS', 1000, { min: 50, max: 60_000 }),
    timeZone: readTimeZone(env, 'CENTER_TZ', 'Asia/Shanghai'),
    publicUrl: readPublicUrl(env),
    allowedOrigins: readOrigins(env),
    sessionIdleMinutes: readInt(env, 'SESSION_IDLE_MINUTES', 30, { min: 1, max: 24 * 60 }),
    sessionMaxHours: readInt(env, 'SESSION_MAX_HOURS', 12, { min: 1, max: 24 * 30 }),
    deviceSessionDays: readInt(env, 'DEVICE_SESSION_DAYS', 180, { min: 1, max: 3650 }),
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', 3000, { min: 10, max: 1_000_000 }),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 5 * 1024 * 1024, { min: 1024, max: 1024 * 1024 * 1024 }),
    staleAfterSeconds: readInt(env, 'STALE_AFTER_SECONDS', 60, { min: 1, max: 86_400 }),
    kpiConfigFile: kpiConfigFile && resolve(kpiConfigFile),
    territoryFile: territoryFile && resolve(territoryFile),
    slaRulesFile: slaRulesFile && resolve(slaRulesFile),
    alertingFile: alertingFile && resolve(alertingFile),
    layoutsDir: resolve(readString(env, 'LAYOUTS_DIR', 'dashboard/layouts')),
    dashboardDist: resolve(readString(env, 'DASHBOARD_DIST', 'dashboard/dist')),
    supervision: loadSupervisionConfig(env),
    handoverRemindAfterMinutes: readInt(env, 'HANDOVER_REMIND_AFTER_MINUTES', 30, { min: 1, max: 24 * 60 }),
    bulletins: loadBulletinConfig(env),
  }
}
