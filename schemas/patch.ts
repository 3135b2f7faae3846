// Deltas between snapshots: a patch holds only the leaves that changed.
// Objects merge key by key; arrays and scalars replace; a key whose value
// is removed is sent as null under REMOVED. Shared by the server (diff) and
// the dashboard (apply), so both sides agree on the format by construction.

export const REMOVED = '__removed__'
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Obj = { [key: string]: Json }

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function equal(a: Json, b: Json): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]))
  }
  return false
}

/** The patch turning `before` into `after`; undefined when nothing changed. */
export function diff(before: unknown, after: unknown): Obj | undefined {
  if (!isObject(before) || !isObject(after)) throw new Error('diff takes two objects')
  const patch: Obj = {}
  for (const key of Object.keys(after)) {
    const a = before[key]
    const b = after[key]
    if (a === undefined) patch[key] = b
    else if (isObject(a) && isObject(b)) {
      const sub = diff(a, b)
      if (sub) patch[key] = sub
    } else if (!equal(a, b)) patch[key] = b
  }
  const removed = Object.keys(before).filter((key) => !(key in after))
  if (removed.length > 0) patch[REMOVED] = removed
  return Object.keys(patch).length > 0 ? patch : undefined
}

/** Applies a patch; returns a new object, sharing the unchanged parts. */
export function applyPatch<T>(target: T, patch: Record<string, unknown>): T {
  const out: Obj = { ...(target as Obj) }
  for (const [key, value] of Object.entries(patch)) {
    if (key === REMOVED) continue
    const current = out[key]
    out[key] = isObject(value) && isObject(current) ? applyPatch(current, value) : (value as Json)
  }
  for (const key of (patch[REMOVED] as string[] | undefined) ?? []) delete out[key]
  return out as T
}
