// Reading configuration from environment variables: every value is checked
// at start, and a bad one stops the start with a message naming the variable,
// the value and what was expected. Secrets are never echoed back.
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type Env = Record<string, string | undefined>

function raw(env: Env, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

export function readString(env: Env, name: string, fallback: string): string
export function readString(env: Env, name: string): string | undefined
export function readString(env: Env, name: string, fallback?: string): string | undefined {
  return raw(env, name) ?? fallback
}

export function readSecret(env: Env, name: string): string | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : env[name]
}

export function readInt(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = raw(env, name)
  if (value === undefined) return fallback
  if (!/^-?\d+$/.test(value)) throw new ConfigError(`${name} must be an integer, got '${value}'`)
  const n = Number(value)
  if (n < range.min || n > range.max) {
    throw new ConfigError(`${name} must be between ${range.min} and ${range.max}, got ${n}`)
  }
  return n
}

export function readNumber(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = raw(env, name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n)) throw new ConfigError(`${name} must be a number, got '${value}'`)
  if (n < range.min || n > range.max) {
    throw new ConfigError(`${name} must be between ${range.min} and ${range.max}, got ${n}`)
  }
  return n
}

export function readEnum<const T extends readonly string[]>(env: Env, name: string, values: T, fallback: T[number]): T[number] {
  const value = raw(env, name)
  if (value === undefined) return fallback
  const lower = value.toLowerCase()
  if (!values.includes(lower)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got '${value}'`)
  return lower as T[number]
}

export function readUrl(env: Env, name: string): URL | undefined {
  const value = raw(env, name)
  if (value === undefined) return undefined
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol')
    return url
  } catch {
    // The URL may carry a password: name the variable, never print its value.
    throw new ConfigError(`${name} must be an http(s) URL such as http://clickhouse:8123`)
  }
}
