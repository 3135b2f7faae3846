// A person's own account: the sessions they have open (this browser's among
// them) and their password.
import type { OwnSession } from '../../../schemas/access-api.ts'
import { getJson, sendJson } from './http.ts'

export const accountKeys = { sessions: ['account', 'sessions'] as const }

export const accountApi = {
  sessions: (signal: AbortSignal) => getJson<{ sessions: OwnSession[] }>('/api/v1/auth/sessions', signal).then((a) => a.sessions),
  endSession: (id: string) => sendJson('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(id)}`),
  /** The person's other sessions end with it. */
  changePassword: (current_password: string, new_password: string) => sendJson('POST', '/api/v1/auth/password', { current_password, new_password }),
}
