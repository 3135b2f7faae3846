// The administration calls (displays, users, API tokens, the audit log), as
// the admin pages use them through TanStack Query: reads are queries under
// these keys, and each change refreshes the list it changed.
import type { AuditPage, CreatedToken, DisplayItem, TokenItem, UserItem } from '../../../schemas/access-api.ts'
import type { PersonRole, TokenScope } from '../../../schemas/roles.ts'
import { getJson, sendJson } from '../api/http.ts'

const id = encodeURIComponent

export const adminKeys = {
  displays: ['admin', 'displays'] as const,
  layouts: ['admin', 'layouts'] as const,
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
}

export const displaysApi = {
  list: (signal: AbortSignal) => getJson<{ devices: DisplayItem[] }>('/api/v1/devices', signal).then((a) => a.devices),
  layouts: (signal: AbortSignal) => getJson<{ layouts: string[] }>('/api/v1/layouts', signal).then((a) => a.layouts),
  approve: (pairing: { user_code: string; name: string; layout: string }) => sendJson<DisplayItem>('POST', '/api/v1/devices/approve', pairing),
  update: (deviceId: string, change: { name?: string; layout?: string }) => sendJson<DisplayItem>('PATCH', `/api/v1/devices/${id(deviceId)}`, change),
  reload: (deviceId: string) => sendJson('POST', `/api/v1/devices/${id(deviceId)}/reload`),
  revoke: (deviceId: string) => sendJson<DisplayItem>('DELETE', `/api/v1/devices/${id(deviceId)}`),
}

export interface NewUser {
  username: string
  display_name: string
  role: PersonRole
  password: string
}

export const usersApi = {
  list: (signal: AbortSignal) => getJson<{ users: UserItem[] }>('/api/v1/users', signal).then((a) => a.users),
  create: (user: NewUser) => sendJson<UserItem>('POST', '/api/v1/users', user),
  update: (userId: string, change: { role?: PersonRole; disabled?: boolean }) => sendJson<UserItem>('PATCH', `/api/v1/users/${id(userId)}`, change),
  resetPassword: (userId: string, password: string) => sendJson('POST', `/api/v1/users/${id(userId)}/password`, { password }),
  endSessions: (userId: string) => sendJson<{ ended: number }>('DELETE', `/api/v1/users/${id(userId)}/sessions`),
}

export const tokensApi = {
  list: (signal: AbortSignal) => getJson<{ tokens: TokenItem[] }>('/api/v1/tokens', signal).then((a) => a.tokens),
  create: (token: { name: string; scopes: TokenScope[] }) => sendJson<CreatedToken>('POST', '/api/v1/tokens', token),
  revoke: (tokenId: string) => sendJson<TokenItem>('DELETE', `/api/v1/tokens/${id(tokenId)}`),
}

/** The audit page's filters, as its URL holds them; empty strings are no filter. */
export interface AuditFilters {
  actor: string
  action: string
  /** ISO times. */
  since: string
  until: string
  offset: number
}

export const AUDIT_PAGE_SIZE = 50

export function auditPath(f: AuditFilters): string {
  const q = new URLSearchParams()
  for (const key of ['actor', 'action', 'since', 'until'] as const) if (f[key]) q.set(key, f[key])
  q.set('limit', String(AUDIT_PAGE_SIZE))
  q.set('offset', String(f.offset))
  return `/api/v1/audit?${q.toString()}`
}

export const auditApi = {
  page: (filters: AuditFilters, signal: AbortSignal) => getJson<AuditPage>(auditPath(filters), signal),
}
