// Signing in and out as a person does, on an injected clock: the session
// cookie and its flags, the same 401 for a wrong name and a wrong password, a
// new session at each sign-in, idle and absolute expiry, the throttle on
// failed sign-ins, CSRF and Origin checks on requests that change something,
// the password rules, the first administrator's setup link, and the audit
// entries all of it leaves.
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../server/app.ts'
import { secretHash } from '../server/auth/secrets.ts'
import { issueSetupLink } from '../server/auth/setup-link.ts'
import { openTestApp, territory, testConfig, type TestApp } from './server-harness.ts'
import { INJECT_ORIGIN, signedIn, TEST_PASSWORD } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const MIN = 60_000
const HOUR = 60 * MIN
let clock = shanghaiTime(9, 0, 1)
let t: TestApp

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(clock) })
})
afterAll(async () => {
  await t?.close()
})

/** Another app over the same ClickHouse (one engine per process) with a store of its own: a fresh start. */
async function withFreshApp(env: Record<string, string>, run: (app: FastifyInstance, store: TempStore) => Promise<void>): Promise<void> {
  const store = await openTempStore()
  const app = await buildApp({ storage: t.storage, store, config: testConfig(env), territory, sink: t.pipeline, now: () => new Date(clock) })
  try {
    await run(app, store)
  } finally {
    await app.close()
    await store.destroy()
  }
}

const inject = (opts: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: object }) =>
  t.app.inject({ method: opts.method ?? 'GET', url: opts.url, headers: opts.headers, payload: opts.payload })

const login = (username: string, password: string, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { origin: INJECT_ORIGIN, ...headers }, remoteAddress })

function sessionCookie(res: LightMyRequestResponse): { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; maxAge?: number; path?: string } {
  const cookie = (res.cookies as Array<{ name: string; value: string }>).find((c) => c.name.endsWith('cc_session'))
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`)
  return cookie
}

async function personWithPassword(role: 'viewer' | 'officer' | 'admin' = 'officer') {
  const person = await signedIn(t.app, role)
  return { username: person.username, password: TEST_PASSWORD, userId: person.userId }
}

const me = (cookie: string) => inject({ url: '/api/v1/auth/me', headers: { cookie } })

async function auditActions(actor: string): Promise<string[]> {
  const rows = await t.store.query<{ action: string; outcome: string }>('SELECT action, outcome FROM audit_log WHERE actor = $1 ORDER BY id', [actor])
  return rows.map((r) => `${r.action}:${r.outcome}`)
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and answers who signed in with the CSRF token', async () => {
    const { username, password } = await personWithPassword('officer')
    const res = await login(username, password)
    expect(res.statusCode).toBe(200)
    const body = res.json<{ user: { username: string; role: string; display_name: string }; csrf_token: string }>()
    expect(body.user).toMatchObject({ username, role: 'officer' })
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const cookie = sessionCookie(res)
    expect(cookie).toMatchObject({ name: 'cc_session', httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 })
    expect(cookie.secure).toBeFalsy()
    // 256 random bits, base64url: not a name, not a counter.
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const who = await me(`cc_session=${cookie.value}`)
    expect(who.json()).toEqual({ kind: 'person', user: body.user, csrf_token: body.csrf_token })
    // Only the token's hash is stored.
    const stored = await t.store.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE token_hash = $1', [cookie.value])
    expect(stored).toEqual([])
  })

  it('answers a wrong password and an unknown user with the same 401, and audits both', async () => {
    const { username } = await personWithPassword()
    const wrongPassword = await login(username, 'not the password at all')
    const unknownUser = await login('nobody-here', 'not the password at all')
    expect(wrongPassword.statusCode).toBe(401)
    expect(unknownUser.statusCode).toBe(401)
    expect(wrongPassword.json()).toEqual(unknownUser.json())
    expect(wrongPassword.json()).toEqual({ statusCode: 401, code: 'unauthorized', message: 'wrong username or password' })
    expect(wrongPassword.headers['set-cookie']).toBeUndefined()
    expect(await auditActions(username)).toContain('login:failed')
    expect(await auditActions('nobody-here')).toEqual(['login:failed'])
  })

  it('makes a new session at each sign-in, and the browser’s earlier one ends', async () => {
    const { username, password } = await personWithPassword()
    const first = sessionCookie(await login(username, password)).value
    const second = sessionCookie(await login(username, password, { cookie: `cc_session=${first}` })).value
    expect(second).not.toBe(first)
    expect((await me(`cc_session=${first}`)).statusCode).toBe(401)
    expect((await me(`cc_session=${second}`)).statusCode).toBe(200)
  })

  it('makes cookies Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    await withFreshApp({ PUBLIC_URL: 'https://command.example.com' }, async (secure) => {
      const person = await signedIn(secure, 'viewer', { origin: 'https://command.example.com' })
      const res = await secure.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: person.username, password: TEST_PASSWORD },
        headers: { origin: 'https://command.example.com' },
      })
      expect(sessionCookie(res)).toMatchObject({ name: '__Host-cc_session', secure: true, httpOnly: true, sameSite: 'Strict', path: '/' })
    })
  })

  it('refuses a disabled account with 403, even with the right password', async () => {
    const { username, password, userId } = await personWithPassword()
    await t.store.query('UPDATE users SET disabled = true WHERE id = $1', [userId])
    const res = await login(username, password)
    expect(res.statusCode).toBe(403)
    expect(res.json<{ message: string }>().message).toBe('this account is disabled; ask an administrator')
  })
})

describe('sessions on the clock', () => {
  it('end after 30 minutes unused, and not before', async () => {
    const { username, password } = await personWithPassword()
    const token = sessionCookie(await login(username, password)).value
    const cookie = `cc_session=${token}`
    clock += 29 * MIN
    expect((await me(cookie)).statusCode).toBe(200)
    clock += 29 * MIN
    expect((await me(cookie)).statusCode).toBe(200)
    clock += 31 * MIN
    const expired = await me(cookie)
    expect(expired.statusCode).toBe(401)
    expect(expired.json<{ message: string }>().message).toBe('your session or token is not valid (expired, ended or revoked): sign in again')
    const [ended] = await t.store.query<{ ended_reason: string }>('SELECT ended_reason FROM sessions WHERE token_hash = $1', [secretHash(token)])
    expect(ended.ended_reason).toBe('idle')
  })

  it('end 12 hours after sign-in however active', async () => {
    const { username, password } = await personWithPassword()
    const cookie = `cc_session=${sessionCookie(await login(username, password)).value}`
    for (let elapsed = 20 * MIN; elapsed < 12 * HOUR; elapsed += 20 * MIN) {
      clock += 20 * MIN
      expect((await me(cookie)).statusCode, `after ${elapsed / MIN} min`).toBe(200)
    }
    clock += 20 * MIN
    expect((await me(cookie)).statusCode).toBe(401)
  })

  it('end at sign-out, on the server, at once', async () => {
    const person = await signedIn(t.app, 'viewer')
    const out = await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: person.headers })
    expect(out.statusCode).toBe(204)
    expect(String(out.headers['set-cookie'])).toMatch(/cc_session=;.*Expires=Thu, 01 Jan 1970/)
    expect((await me(person.cookie)).statusCode).toBe(401)
    expect(await auditActions(person.username)).toEqual(['logout:allowed'])
  })

  it('lists a person’s own sessions, and lets them end one but not another person’s', async () => {
    const { username, password } = await personWithPassword()
    const a = sessionCookie(await login(username, password)).value
    const b = sessionCookie(await login(username, password)).value
    const signedInA = (await me(`cc_session=${a}`)).json<{ csrf_token: string }>()
    const headersA = { cookie: `cc_session=${a}`, 'x-csrf-token': signedInA.csrf_token, origin: INJECT_ORIGIN }
    const list = (await inject({ url: '/api/v1/auth/sessions', headers: headersA })).json<{ sessions: Array<{ id: string; current: boolean }> }>().sessions
    // The two sign-ins, and the session the test made the user with.
    expect(list).toHaveLength(3)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    const [bSession] = await t.store.query<{ id: string }>('SELECT id FROM sessions WHERE token_hash = $1', [secretHash(b)])
    const other = list.find((s) => s.id === bSession.id)!
    expect(other.current).toBe(false)
    const stranger = await signedIn(t.app, 'admin')
    expect((await inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: stranger.headers })).statusCode).toBe(404)
    expect((await inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: headersA })).statusCode).toBe(204)
    expect((await me(`cc_session=${b}`)).statusCode).toBe(401)
    expect((await me(`cc_session=${a}`)).statusCode).toBe(200)
  })
})

describe('the throttle on failed sign-ins', () => {
  it('allows 10 failures a minute per account, then 429 with Retry-After, even for the right password, and lets go after the minute', async () => {
    const { username, password } = await personWithPassword()
    for (let i = 0; i < 10; i++) expect((await login(username, 'wrong wrong wrong', {}, `10.1.0.${i}`)).statusCode).toBe(401)
    const locked = await login(username, password, {}, '10.1.1.1')
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(locked.json<{ message: string }>().message).toMatch(/^too many failed sign-ins; try again in \d+ s$/)
    clock += 61 * 1000
    expect((await login(username, password, {}, '10.1.1.1')).statusCode).toBe(200)
  })

  it('allows 10 failures a minute per address, whatever the names tried', async () => {
    const { username, password } = await personWithPassword()
    for (let i = 0; i < 10; i++) expect((await login(`guess-${i}`, 'wrong wrong wrong', {}, '10.2.0.1')).statusCode).toBe(401)
    expect((await login(username, password, {}, '10.2.0.1')).statusCode).toBe(429)
    // The same person from elsewhere is not kept out by that address's guesses.
    expect((await login(username, password, {}, '10.2.0.2')).statusCode).toBe(200)
    clock += 61 * 1000
  })
})

describe('requests that change something', () => {
  it('are refused with 403 from another site, or without the CSRF token, even with a valid cookie', async () => {
    const admin = await signedIn(t.app, 'admin')
    const body = { name: 'scraper', scopes: ['metrics:read'] }
    const crossSite = await inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers: { ...admin.headers, origin: 'https://evil.example' } })
    expect(crossSite.statusCode).toBe(403)
    expect(crossSite.json<{ message: string }>().message).toBe('requests from https://evil.example are not accepted: this site only')
    const noHeader = await inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers: { cookie: admin.cookie, origin: INJECT_ORIGIN } })
    expect(noHeader.statusCode).toBe(403)
    expect(noHeader.json<{ message: string }>().message).toMatch(/^missing or wrong X-CSRF-Token/)
    const wrongToken = await inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers: { ...admin.headers, 'x-csrf-token': 'guessed' } })
    expect(wrongToken.statusCode).toBe(403)
    const noOrigin = await inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } })
    expect(noOrigin.statusCode).toBe(403)
    expect((await t.store.query('SELECT 1 FROM api_tokens WHERE name = $1', ['scraper'])).length).toBe(0)
    const denied = await t.store.query<{ detail: { status: number } }>("SELECT detail FROM audit_log WHERE actor = $1 AND action = 'request.denied'", [admin.username])
    expect(denied).toHaveLength(4)
    const allowed = await inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers: admin.headers })
    expect(allowed.statusCode).toBe(201)
  })

  it('carry security headers: a CSP that forbids framing, no sniffing, no referrer', async () => {
    const res = await inject({ url: '/healthz' })
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })
})

describe('passwords', () => {
  it('need 12 to 128 characters and must not be among the most common, with no composition rules', async () => {
    const admin = await signedIn(t.app, 'admin')
    const create = (username: string, password: string) =>
      inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username, display_name: 'New', role: 'viewer', password } })
    expect((await create('short-pw', 'elevenchars')).json<{ message: string }>().message).toBe('a password needs at least 12 characters (this one has 11)')
    expect((await create('common-pw', 'unbelievable')).json<{ message: string }>().message).toBe('this password is among the 10,000 most common ones; choose another')
    expect((await create('long-pw', 'x'.repeat(129))).statusCode).toBe(400)
    // Twelve characters of any kind will do, counted as characters, not bytes.
    expect((await create('plain-pw', 'all lowercase words')).statusCode).toBe(201)
    expect((await create('cjk-pw', '值班长的十二个字的密码很长吧')).statusCode).toBe(201)
    const [row] = await t.store.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'plain-pw'")
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })
})

describe('the first administrator', () => {
  it('is made once with the setup link, which then stops working', async () => {
    await withFreshApp({}, async (fresh, store) => {
      const token = await issueSetupLink(store, new Date(clock))
      expect(token).toMatch(/^setup_/)
      const setup = (username: string, over: object = {}) =>
        fresh.inject({
          method: 'POST',
          url: '/api/v1/auth/setup',
          headers: { origin: INJECT_ORIGIN },
          payload: { token, username, display_name: 'First Admin', password: 'the first admin password', ...over },
        })
      expect((await setup('first', { token: 'setup_forged' })).statusCode).toBe(403)
      const made = await setup('first')
      expect(made.statusCode).toBe(200)
      expect(made.json()).toMatchObject({ user: { username: 'first', role: 'admin' } })
      expect(sessionCookie(made).value).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const again = await setup('second')
      expect(again.statusCode).toBe(403)
      expect(again.json<{ message: string }>().message).toContain('this setup link is used, expired or unknown')
      expect(await issueSetupLink(store, new Date(clock))).toBeNull()
    })
  })

  it('cannot be made with a link older than 24 hours', async () => {
    await withFreshApp({}, async (fresh, store) => {
      const token = await issueSetupLink(store, new Date(clock - 24 * HOUR - MIN))
      const res = await fresh.inject({
        method: 'POST',
        url: '/api/v1/auth/setup',
        headers: { origin: INJECT_ORIGIN },
        payload: { token, username: 'late', display_name: 'Late', password: 'the first admin password' },
      })
      expect(res.statusCode).toBe(403)
    })
  })
})
