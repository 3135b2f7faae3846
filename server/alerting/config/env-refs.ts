// `${ENV_VAR}` references in receivers: a robot's URL, a secret, an SMTP
// password written in the file as the name of a variable, so the file can be
// kept in version control and the values in the environment. Checked here
// (every variable set, a URL still a URL once expanded); the channels expand
// them when they build a receiver; the API and every message show the names only.
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
