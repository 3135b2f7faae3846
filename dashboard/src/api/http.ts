// Requests to the server the page came from. When the server requires an API
// token, a wall's URL carries it (?token=...): main.tsx hands it over when the
// dashboard starts, and it goes with every request and the socket handshake.
let token: string | undefined

export const tokenFromSearch = (search: string): string | undefined => new URLSearchParams(search).get('token') || undefined

export function setApiToken(next: string | undefined): void {
  token = next
}

export const apiToken = (): string | undefined => token

/** An answer other than 2xx, with the server's own message when it sent one. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch(path, { headers, signal, cache: 'no-store' })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, `server unreachable (${(err as Error).message})`)
  }
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (a proxy's error page); the status line says enough.
  }
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message
    throw new ApiError(response.status, typeof message === 'string' ? message : `HTTP ${response.status} ${response.statusText}`)
  }
  return body as T
}
