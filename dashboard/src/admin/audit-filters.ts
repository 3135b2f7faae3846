// The audit page's filters live in its URL (?actor=&action=&since=&until=&offset=),
// so a filtered view can be reloaded, bookmarked or sent to a colleague.
import type { AuditFilters } from './admin-api.ts'

export function filtersFrom(search: URLSearchParams): AuditFilters {
  const offset = Number(search.get('offset'))
  return {
    actor: search.get('actor') ?? '',
    action: search.get('action') ?? '',
    since: search.get('since') ?? '',
    until: search.get('until') ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  }
}

export function searchOf(f: AuditFilters): URLSearchParams {
  const search = new URLSearchParams()
  for (const key of ['actor', 'action', 'since', 'until'] as const) if (f[key]) search.set(key, f[key])
  if (f.offset > 0) search.set('offset', String(f.offset))
  return search
}
