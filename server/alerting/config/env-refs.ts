// `${ENV_VAR}` references in receivers: a robot's URL, a secret, an SMTP
// password written in the file as the name of a variable, so the file can be
// kept in version control and the values in the environment. The
// configuration in force has them expanded (the channels need the values);
// the API and every message show the names only.
import type { Env } from '../../../core/env.ts'
import type { Path } from './problems.ts'

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** The variables a text names, in order. */
export function envRefs(text: string): string[] {
  return [...text.matchAll(REF)].map((m) => m[1])
}

/** Whether a variable counts as set: present and not empty. */
export const isSet = (env: Env, name: string) => env[name] !== undefined && env[name] !== ''

export function expandRefs(text: string, env: Env): string {
  return text.replace(REF, (_, name: string) => env[name] ?? '')
}

/** Every string inside a value, with its path. */
export function stringsOf(value: unknown, at: Path = []): Array<{ path: Path; text: string }> {
  if (typeof value === 'string') return [{ path: at, text: value }]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, [...at, i]))
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringsOf(v, [...at, k]))
  return []
}

/** A copy with every string's references expanded. */
export function expandAll<T>(value: T, env: Env): T {
  if (typeof value === 'string') return expandRefs(value, env) as T
  if (Array.isArray(value)) return value.map((v: unknown) => expandAll(v, env)) as T
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandAll(v, env)])) as T
  return value
}
