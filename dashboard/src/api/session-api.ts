// Signing in and out, the first administrator, and "who am I" — the calls
// behind /login, /setup, the person pages' header and the wall's first look.
import type { Me, SignedIn } from '../../../schemas/access-api.ts'
import { ApiError, getJson, sendJson } from './http.ts'

/** Who the browser's cookies belong to; null when the server says nobody (401). Other failures throw. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await getJson<Me>('/api/v1/auth/me', signal)
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null
    throw err
  }
}

export const login = (username: string, password: string): Promise<SignedIn> => sendJson<SignedIn>('POST', '/api/v1/auth/login', { username, password })

export interface FirstAdmin {
  /** From the console's link (/setup#token=...): read from the fragment, sent in the body only. */
  token: string
  username: string
  display_name: string
  password: string
}

export const setupFirstAdmin = (admin: FirstAdmin): Promise<SignedIn> => sendJson<SignedIn>('POST', '/api/v1/auth/setup', admin)

export const logout = (): Promise<null> => sendJson('POST', '/api/v1/auth/logout')
