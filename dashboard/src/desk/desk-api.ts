// The desk's requests: a page of a drill-down list, an entity's timeline, and
// the address of a list's export (the same filters, as a file). The rows are
// as the server judged them (overdue, at risk, time left): the desk renders.
import { getJson } from '../api/http.ts'
import { lang } from '../i18n/lang.ts'
import { PAGE_SIZE, type Drill, type ListId } from './drill.ts'

export interface ListPage {
  total: number
  items: Array<Record<string, unknown>>
}

export interface TimelineEvent {
  event_id: string
  type: string
  occurred_at: string
  fields: Record<string, string | number | boolean | null>
  deadline_at: string | null
}

function query(drill: Drill, extra: Record<string, string>): string {
  const params = new URLSearchParams({ ...drill.filters, ...extra })
  return params.toString()
}

export function fetchList(drill: Drill, signal: AbortSignal): Promise<ListPage> {
  const paging: Record<string, string> = drill.list === 'queues' ? { lang: lang() } : { limit: String(PAGE_SIZE), offset: String(drill.offset) }
  return getJson<ListPage>(`/api/v1/${drill.list}?${query(drill, paging)}`, signal)
}

export const exportHref = (drill: Drill, format: 'csv' | 'xlsx'): string => `/api/v1/${drill.list}/export?${query(drill, { format, lang: lang() })}`

export function fetchTimeline(kind: 'workorder' | 'outage' | 'call', id: string, signal: AbortSignal): Promise<{ entity_id: string; events: TimelineEvent[] }> {
  return getJson(`/api/v1/${kind}s/${encodeURIComponent(id)}/timeline`, signal)
}

/** The list row of one order or outage (its pending deadline, its ETR), as the lists judge it; null when none has that id. */
export async function fetchEntityRow(kind: 'workorder' | 'outage', id: string, signal: AbortSignal): Promise<Record<string, unknown> | null> {
  const page = await getJson<ListPage>(`/api/v1/${kind}s?${new URLSearchParams({ q: id, limit: '20' }).toString()}`, signal)
  return page.items.find((row) => row[`${kind}_id`] === id) ?? null
}

export const listKey = (drill: Drill) => ['desk-list', drill.list, drill.filters, drill.offset] as const
export const KEYED: Record<ListId, string> = { workorders: 'workorder_id', outages: 'outage_id', agents: 'agent_id', queues: 'queue', supervisions: 'id' }
