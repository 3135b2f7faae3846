// Credentials for the real server of the end-to-end tests (app-process.ts),
// made over HTTP the way people make them: the first administrator from the
// one-time setup link the server prints on a first start, then, as that
// administrator, people with roles, API tokens for programs, and wall
// displays paired with the code a wall shows (RFC 8628). Cookies come back
// ready for a browser context.
import type { AppProcess } from './app-process.ts'

export interface BrowserCookie {
  name: string
  value: string
  url: string
}

export interface HttpSession {
  /** Headers for a request as this person: the session cookie, the CSRF token and this site's Origin. */
  headers: Record<string, string>
  cookie: BrowserCookie
  csrf: string
}

export interface Person {
  username: string
  display_name: string
  password: string
}

/** The first administrator of every end-to-end server. */
export const ADMIN: Person = { username: 'alice', display_name: 'Alice Admin', password: 'a long pass phrase for the hall' }

const PASSWORD = 'e2e test password, long enough'

async function send(url: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: object } = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: opts.method ?? (opts.body ? 'POST' : 'GET'),
    headers: { connection: 'close', ...(opts.body ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  })
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`)
  return response
}

function cookieOf(response: Response, url: string): BrowserCookie {
  const header = response.headers.get('set-cookie') ?? ''
  const match = /^((?:__Host-)?cc_(?:session|display))=([^;]+)/.exec(header)
  if (!match) throw new Error(`no session cookie in the answer (set-cookie: ${header || 'none'})`)
  return { name: match[1], value: match[2], url }
}

function sessionOf(response: Response, csrf: string, url: string): HttpSession {
  const cookie = cookieOf(response, url)
  return { cookie, csrf, headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrf, origin: url } }
}

export class AppAccess {
  private adminSession: Promise<HttpSession> | undefined
  private serial = 0

  constructor(private readonly app: AppProcess) {}

  /** The first administrator (ADMIN), made once from the setup link on the server's console. */
  admin(): Promise<HttpSession> {
    this.adminSession ??= (async () => {
      const token = /\/setup#token=(setup_[A-Za-z0-9_-]+)/.exec(this.app.output())?.[1]
      if (!token) throw new Error(`the server printed no setup link:\n${this.app.output()}`)
      const response = await expectOk(
        await send(this.app.url, '/api/v1/auth/setup', {
          headers: { origin: this.app.url },
          body: { token, ...ADMIN },
        }),
        'the first administrator’s setup',
      )
      const { csrf_token } = (await response.json()) as { csrf_token: string }
      return sessionOf(response, csrf_token, this.app.url)
    })()
    return this.adminSession
  }

  /** A person with this role, made by the administrator and signed in. */
  async person(role: 'viewer' | 'officer' | 'lead' | 'admin'): Promise<HttpSession> {
    const admin = await this.admin()
    this.serial += 1
    const username = `e2e-${role}-${this.serial}`
    await expectOk(
      await send(this.app.url, '/api/v1/users', { headers: admin.headers, body: { username, display_name: `E2E ${role}`, role, password: PASSWORD } }),
      'creating a user',
    )
    const response = await expectOk(
      await send(this.app.url, '/api/v1/auth/login', { headers: { origin: this.app.url }, body: { username, password: PASSWORD } }),
      'signing in',
    )
    const { csrf_token } = (await response.json()) as { csrf_token: string }
    return sessionOf(response, csrf_token, this.app.url)
  }

  /** An API token for a program. */
  async token(scopes: string[]): Promise<string> {
    const admin = await this.admin()
    this.serial += 1
    const response = await expectOk(
      await send(this.app.url, '/api/v1/tokens', { headers: admin.headers, body: { name: `e2e-program-${this.serial}`, scopes } }),
      'creating an API token',
    )
    return ((await response.json()) as { token: string }).token
  }

  /** A wall display paired as a wall pairs: asks for a code, the administrator enters it, the wall collects its session. */
  async pairedDisplay(opts: { name?: string; layout?: string } = {}): Promise<{ deviceId: string; cookie: BrowserCookie }> {
    const admin = await this.admin()
    this.serial += 1
    const pairing = (await (await expectOk(await send(this.app.url, '/api/v1/devices/pairing', { method: 'POST' }), 'asking for a pairing code')).json()) as {
      device_code: string
      user_code: string
    }
    await expectOk(
      await send(this.app.url, '/api/v1/devices/approve', {
        headers: admin.headers,
        body: { user_code: pairing.user_code, name: opts.name ?? `E2E wall ${this.serial}`, layout: opts.layout ?? 'default' },
      }),
      'approving the display',
    )
    const response = await expectOk(await send(this.app.url, '/api/v1/devices/token', { body: { device_code: pairing.device_code } }), 'collecting the display session')
    const { device } = (await response.json()) as { device: { id: string } }
    return { deviceId: device.id, cookie: cookieOf(response, this.app.url) }
  }
}

const known = new WeakMap<AppProcess, AppAccess>()

/** The credentials of one server, kept for the life of its test file (they survive its restarts, as the store does). */
export function appAccess(app: AppProcess): AppAccess {
  let access = known.get(app)
  if (!access) {
    access = new AppAccess(app)
    known.set(app, access)
  }
  return access
}
