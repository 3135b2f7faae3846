// A receiver as the API shows it: every value that may be a secret (a
// robot's URL, which carries its token; a signing secret; an SMTP password;
// request headers; an SMS gateway's credentials) replaced by "•••", a URL
// keeping only its origin. A value that is a single ${VAR} reference is a
// name, not a secret, and is shown. An edit that sends a masked value back
// unchanged keeps the stored one, so an administrator can change a
// receiver's language without retyping its secret.
import type { Receiver } from '../../../schemas/alerting-config.ts'
import type { Path } from './problems.ts'

export const MASK = '•••'
const PURE_REF = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/
/** SMS body fields that carry credentials, by their name. */
const CREDENTIAL_KEY = /key|secret|token|password|passwd|sign|credential|auth/i

type Json = Record<string, unknown>

const get = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, p) => (v as Json | undefined)?.[p], value)

function set(value: Json, path: Path, to: unknown): void {
  const parent = get(value, path.slice(0, -1)) as Json | undefined
  if (parent && typeof parent === 'object') parent[path.at(-1)!] = to
}

/** Where a receiver may hold secrets. */
function secretPaths(receiver: Json): Path[] {
  const paths: Path[] = [['url'], ['secret'], ['smtp', 'password']]
  for (const key of Object.keys((receiver.headers as Json | undefined) ?? {})) paths.push(['headers', key])
  for (const key of Object.keys((receiver.body as Json | undefined) ?? {})) if (CREDENTIAL_KEY.test(key)) paths.push(['body', key])
  return paths.filter((p) => typeof get(receiver, p) === 'string')
}

function masked(text: string, path: Path): string {
  if (PURE_REF.test(text)) return text
  if (path[0] === 'url') {
    try {
      return `${new URL(text).origin}/${MASK}`
    } catch {
      return MASK
    }
  }
  return MASK
}

export function maskReceiver(receiver: Receiver): Receiver {
  const copy = structuredClone(receiver) as unknown as Json
  for (const path of secretPaths(copy)) set(copy, path, masked(get(copy, path) as string, path))
  return copy as unknown as Receiver
}

/** An edited receiver with each secret sent back masked replaced by the stored value. */
export function unmaskReceiver(incoming: unknown, stored: Receiver | undefined): unknown {
  if (!stored || typeof incoming !== 'object' || incoming === null) return incoming
  const copy = structuredClone(incoming) as Json
  for (const path of secretPaths(stored as unknown as Json)) {
    const value = get(stored, path) as string
    if (get(copy, path) === masked(value, path)) set(copy, path, value)
  }
  return copy
}
