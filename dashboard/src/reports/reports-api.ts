// The bulletins' REST reads (GET /api/v1/bulletins, /api/v1/bulletins/{id})
// and their files' addresses. Made by the server; shown here as they are.
import type { Bulletin, BulletinKind, BulletinSummary } from '../../../schemas/bulletins.ts'
import { getJson } from '../api/http.ts'
import { lang } from '../i18n/lang.ts'

export const bulletinsKey = (kind: BulletinKind | null) => ['bulletins', kind ?? 'all'] as const
export const bulletinKey = (id: string) => ['bulletin', id] as const

export const fetchBulletins = (kind: BulletinKind | null, signal: AbortSignal): Promise<{ items: BulletinSummary[] }> =>
  getJson(`/api/v1/bulletins${kind ? `?kind=${kind}` : ''}`, signal)

export const fetchBulletin = (id: string, signal: AbortSignal): Promise<Bulletin> => getJson(`/api/v1/bulletins/${encodeURIComponent(id)}`, signal)

/** A bulletin's file in the screen's language. */
export const fileUrl = (id: string, format: 'pdf' | 'xlsx'): string => `/api/v1/bulletins/${encodeURIComponent(id)}/${format}${lang() === 'en' ? '?lang=en' : ''}`
