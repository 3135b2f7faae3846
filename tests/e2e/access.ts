// What the end-to-end tests need of people and access: the one-time setup
// link the server prints, a person's session over the API (cookie and CSRF
// token, as a browser would hold them), and pairing a wall page that shows
// its code, either by an administrator's browser or straight over the API.
import type { Page } from 'playwright-core'
import { appAccess, type Person } from '../support/app-access.ts'
import type { AppProcess } from '../support/app-process.ts'

export { ADMIN, type Person } from '../support/app-access.ts'

/** The path of the setup link the server printed on its console (/setup#token=...). */
export function setupLinkOf(app: AppProcess): string {
  const found = /\/setup#token=\S+/.exec(app.output())
  if (!found) throw new Error(`the server printed no setup link:\n${app.output()}`)
  return found[0]
}

export interface ApiSession {
  cookie: string
  csrf: string
}

// A request as the dashboard makes it: same-origin (the Origin header a
// browser would send), the session cookie, and the CSRF token on changes.
async function call(app: AppProcess, method: string, path: string, body?: unknown, session?: ApiSession): Promise<Response> {
  const headers: Record<string, string> = { origin: app.url, connection: 'close' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (session) {
    headers.cookie = session.cookie
    headers['x-csrf-token'] = session.csrf
  }
  return fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

async function sessionOf(response: Response): Promise<ApiSession> {
  if (!response.ok) throw new Error(`signing in failed: ${response.status} ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?cc_session=/.test(c))
  if (!cookie) throw new Error('no session cookie in the answer')
  const answer = (await response.json()) as { csrf_token: string }
  return { cookie: cookie.split(';')[0], csrf: answer.csrf_token }
}

/** The first administrator (ADMIN), made once per server from its setup link (tests/support/app-access.ts). */
export async function createFirstAdmin(app: AppProcess): Promise<ApiSession> {
  const admin = await appAccess(app).admin()
  return { cookie: admin.headers.cookie, csrf: admin.csrf }
}

export async function signIn(app: AppProcess, person: Person): Promise<ApiSession> {
  return sessionOf(await call(app, 'POST', '/api/v1/auth/login', { username: person.username, password: person.password }))
}

/** Sends a request as the signed-in person and returns the parsed answer; a non-2xx answer throws. */
export async function asPerson<T>(app: AppProcess, session: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await call(app, method, path, body, session)
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return (text ? JSON.parse(text) : null) as T
}

/** The code an unpaired wall page shows, once it shows one. */
export async function pairingCodeOf(wall: Page, timeout = 30_000): Promise<string> {
  const code = wall.locator('[data-testid="pairing-code"]')
  await code.waitFor({ state: 'visible', timeout })
  return (await code.getAttribute('data-code'))!
}

/** Pairs a wall page that shows its code, over the API, and waits until the pairing screen is gone. */
export async function pairWall(app: AppProcess, admin: ApiSession, wall: Page, display: { name: string; layout?: string }): Promise<{ id: string }> {
  const code = await pairingCodeOf(wall)
  const device = await asPerson<{ id: string }>(app, admin, 'POST', '/api/v1/devices/approve', { user_code: code, name: display.name, layout: display.layout ?? 'default' })
  // The wall learns of it at its next poll (every 5 s).
  await wall.locator('[data-testid="pairing-screen"]').waitFor({ state: 'detached', timeout: 15_000 })
  return device
}

/**
 * Chromium logs every non-2xx fetch on the console as a failed resource. Some
 * are answers by design: an unpaired wall's first "who am I" (401), its
 * pairing polls until approval (400 authorization_pending), a wrong password
 * (401). Everything else stays.
 */
export const withoutAccessRefusals = (errors: string[]): string[] => errors.filter((e) => !/Failed to load resource: the server responded with a status of 40[01] /.test(e))
