// Requests to the server the page came from. The browser sends the session
// cookie by itself (same origin, HttpOnly: the page never sees it); a request
// that changes something also carries the session's CSRF token, which the
// server checks with the Origin. A 401 means the session is gone: the page
// that registered for it (a person's page) sends the browser to sign in.
import type { ErrorAnswer } from '../../../schemas/access-api.ts'
import { useSessionStore } from '../stores/session-store.ts'

/** An answer other than 2xx, with the server's own message when it sent one. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    /** 0 when the server could not be reached at all. */
    readonly status: number,
    message: string,
    /** The parsed body, for answers that are not the usual error shape (the pairing poll's). */
    readonly body: unknown = null,
    /** Seconds from a 429's Retry-After, else null. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
  }
}

type Change = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let unauthorized: (() => void) | null = null

/** While registered, a 401 from any request calls `handler` (a person's page sends the browser to /login). */
export function whenUnauthorized(handler: () => void): () => void {
  unauthorized = handler
  return () => {
    if (unauthorized === handler) unauthorized = null
  }
}

function messageOf(body: unknown, response: Response): string {
  const b = body as Partial<ErrorAnswer> & { error_description?: unknown }
  if (typeof b?.message === 'string') return b.message
  if (typeof b?.error_description === 'string') return b.error_description
  return `HTTP ${response.status} ${response.statusText}`
}

async function request<T>(method: 'GET' | Change, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') {
    const csrf = useSessionStore.getState().csrfToken
    if (csrf) headers['x-csrf-token'] = csrf
  }
  let response: Response
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, `server unreachable (${(err as Error).message})`)
  }
  const text = await response.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (a proxy's error page); the status line says enough.
  }
  if (!response.ok) {
    if (response.status === 401) unauthorized?.()
    const retryAfter = Number(response.headers.get('retry-after'))
    throw new ApiError(response.status, messageOf(parsed, response), parsed, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null)
  }
  return parsed as T
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, signal)

/** A request that changes something; `body` goes as JSON when given. */
export const sendJson = <T = null>(method: Change, path: string, body?: unknown): Promise<T> => request<T>(method, path, body)
