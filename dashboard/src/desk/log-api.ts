// The desk's requests about the operations log: a page of entries (newest
// first, filtered), the address of its export, and writing an entry.
import type { LogCategory, LogEntry } from '../../../schemas/operations-log.ts'
import { getJson, sendJson } from '../api/http.ts'

export interface LogFilter {
  category: LogCategory | ''
  q: string
}

export const LOG_PAGE = 50

function query(f: LogFilter, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra)
  if (f.category) params.set('category', f.category)
  if (f.q.trim()) params.set('q', f.q.trim())
  return params.toString()
}

export const fetchLog = (f: LogFilter, limit: number, signal: AbortSignal) =>
  getJson<{ total: number; items: LogEntry[] }>(`/api/v1/log?${query(f, { limit: String(limit) })}`, signal)

export const logExportHref = (f: LogFilter, format: 'csv' | 'xlsx') => `/api/v1/log/export?${query(f, { format })}`

export const writeLog = (text: string, category: LogCategory) => sendJson<LogEntry>('POST', '/api/v1/log', { text, category })

export const logKey = (f: LogFilter, limit: number) => ['oplog', f.category, f.q.trim(), limit] as const
