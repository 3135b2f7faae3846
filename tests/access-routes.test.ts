// Every HTTP route and socket event, enumerated from the one table that
// declares what each needs (server/access/route-access.ts): without
// credentials it answers 401 (a socket: connect_error), with too little it
// answers 403, and with the least that is declared it gets past the check.
// A route registered without a declaration stops the app from starting.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import fastifyCookie from '@fastify/cookie'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSON_ROLES, TOKEN_SCOPES, type PersonRole, type TokenScope } from '../schemas/roles.ts'
import { isPublic, type Access } from '../server/access/access.ts'
import { ROUTE_ACCESS, SOCKET_ACCESS } from '../server/access/route-access.ts'
import accessPlugin from '../server/plugins/access.ts'
import { openTestServer, testConfig, type TestServer } from './server-harness.ts'
import { pairedDisplay, signedIn, withToken, type Caller, type PersonCaller } from './support/access.ts'

let t: TestServer
const people = {} as Record<PersonRole, PersonCaller>
const tokens = {} as Record<TokenScope, Caller>
let wall: Caller

beforeAll(async () => {
  // A dashboard build, so that its pages and assets are routes too.
  const dist = mkdtempSync(join(tmpdir(), 'cc-dist-'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
  t = await openTestServer({ config: testConfig({ DASHBOARD_DIST: dist }) })
  const { app } = t.server
  for (const role of PERSON_ROLES) people[role] = await signedIn(app, role, { origin: t.server.url })
  for (const scope of TOKEN_SCOPES) tokens[scope] = await withToken(app, [scope])
  wall = await pairedDisplay(app, { origin: t.server.url })
})
afterAll(async () => {
  await t?.close()
})

const ID = '00000000-0000-4000-8000-000000000000'
/** A concrete path for a route pattern: parameters get a well-formed id, a wildcard a name. */
const concrete = (url: string) => url.replace(/:[a-z_]+/g, ID).replace(/\*$/, 'anything')

async function request(key: string, caller?: Caller): Promise<number> {
  const [method, url] = key.split(' ')
  const headers: Record<string, string> = { ...(caller?.headers ?? {}) }
  const changes = method !== 'GET'
  if (changes) headers['content-type'] = 'application/json'
  const res = await fetch(`${t.server.url}${concrete(url)}`, { method, headers, body: changes ? '{}' : undefined, redirect: 'manual' })
  await res.arrayBuffer()
  return res.status
}

/** The least callers the declaration lets in, and the most that it keeps out. */
function callers(access: Exclude<Access, { public: string }>): { allowed: Array<[string, Caller]>; refused: Array<[string, Caller]> } {
  const allowed: Array<[string, Caller]> = []
  const refused: Array<[string, Caller]> = []
  if (access.role) {
    allowed.push([access.role, people[access.role]])
    const below = PERSON_ROLES[PERSON_ROLES.indexOf(access.role) - 1]
    if (below) refused.push([below, people[below]])
  } else refused.push(['admin', people.admin])
  ;(access.wall ? allowed : refused).push(['wall', wall])
  for (const scope of TOKEN_SCOPES) (access.scope === scope ? allowed : refused).push([`token ${scope}`, tokens[scope]])
  return { allowed, refused }
}

const declared = Object.entries(ROUTE_ACCESS)

describe('every route', () => {
  it('is declared only if it exists (no stale entries)', () => {
    for (const [key] of declared) {
      const [method, url] = key.split(' ')
      expect(t.server.app.hasRoute({ method: method as 'GET', url }), key).toBe(true)
    }
  })

  it.each(declared.filter(([, a]) => !isPublic(a)))('%s: 401 without credentials, 403 with too little, through with the least declared', async (key, access) => {
    const needs = access as Exclude<Access, { public: string }>
    expect(await request(key), `${key} anonymous`).toBe(401)
    const { allowed, refused } = callers(needs)
    expect(allowed.length, `${key} lets someone in`).toBeGreaterThan(0)
    for (const [who, caller] of refused) expect(await request(key, caller), `${key} as ${who}`).toBe(403)
    for (const [who, caller] of allowed) {
      // Signing out ends the session it is given: a session of its own, so the others stay.
      const own = key === 'POST /api/v1/auth/logout' ? await signedIn(t.server.app, 'viewer', { origin: t.server.url }) : caller
      expect([401, 403], `${key} as ${who}`).not.toContain(await request(key, own))
    }
  })

  it.each(declared.filter(([, a]) => isPublic(a)))('%s is open, and says why in its declaration', async (key, access) => {
    expect((access as { public: string }).public.length).toBeGreaterThan(5)
    expect([401, 403]).not.toContain(await request(key))
  })

  it('refuses percent-escaped paths to protected routes as the routes themselves', async () => {
    for (const path of ['/%61pi/v1/territory', '/%6detrics', '/api/v1/%75sers']) {
      const res = await fetch(`${t.server.url}${path}`)
      expect(res.status, path).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
    }
  })

  it('serves the API documentation to people signed in only', async () => {
    expect((await fetch(`${t.server.url}/docs/json`)).status).toBe(401)
    const doc = await fetch(`${t.server.url}/docs/json`, { headers: people.viewer.headers })
    expect(doc.status).toBe(200)
    expect(await doc.text()).toContain('"bearer"')
  })

  it('stops the app from starting when a route declares no access', async () => {
    const app = Fastify()
    await app.register(fastifyCookie)
    await app.register(accessPlugin, {
      sessions: t.server.app.access.sessions,
      tokens: t.server.app.access.tokens,
      audit: t.server.app.access.audit,
      publicUrl: undefined,
      allowedOrigins: [],
      policy: t.server.app.access.policy,
    })
    expect(() => app.get('/api/v1/forgotten', async () => 'secret')).toThrow(
      'route GET /api/v1/forgotten declares no access: add it to server/access/route-access.ts',
    )
    await app.close()
  })
})

describe('every socket event', () => {
  const open = (caller?: Caller) => connect(t.server.url, { transports: ['websocket'], reconnection: false, ...(caller?.socket ?? {}) })
  const refusal = (caller?: Caller) =>
    new Promise<string>((resolve, reject) => {
      const socket = open(caller)
      socket.on('connect', () => reject(new Error('connected')))
      socket.on('connect_error', (err) => {
        socket.close()
        resolve(err.message)
      })
    })

  it('refuses a connection without credentials, or with too little, with a connect_error saying why', async () => {
    const anonymous = { headers: {}, socket: { extraHeaders: { origin: t.server.url } } }
    expect(await refusal(anonymous)).toBe('unauthorized: sign in first (or pair this display)')
    expect(await refusal({ headers: {}, socket: { auth: { token: 'cc_not-a-token' } } })).toBe('unauthorized: sign in first (or pair this display)')
    expect(await refusal({ headers: {}, socket: { extraHeaders: { origin: t.server.url, cookie: 'cc_session=expired-or-forged' } } })).toBe(
      'unauthorized: sign in first (or pair this display)',
    )
    // A page of another site cannot use a person's cookie (Cross-Site WebSocket Hijacking).
    const foreign = { headers: {}, socket: { extraHeaders: { cookie: people.admin.cookie, origin: 'https://evil.example' } } }
    expect(await refusal(foreign)).toBe('forbidden: connections from https://evil.example are not accepted')
    expect(await refusal(tokens['events:write'])).toMatch(/^forbidden: connecting needs /)
    expect(await refusal(tokens['metrics:read'])).toMatch(/^forbidden: connecting needs /)
  })

  it.each(Object.entries(SOCKET_ACCESS).filter(([event]) => event !== 'connect'))('%s: refused to whom it is not declared for, taken from whom it is', async (event, access) => {
    const { allowed, refused } = callers(access as Exclude<Access, { public: string }>)
    const connectable = (who: string) => !who.startsWith('token') || who === 'token read'
    const answer = async (caller: Caller) => {
      const socket = open(caller)
      try {
        await new Promise<void>((resolve, reject) => {
          socket.on('connect', () => resolve())
          socket.on('connect_error', reject)
        })
        const error = new Promise<{ event: string; message: string } | null>((resolve) => {
          socket.on('request:error', (e) => resolve(e))
          setTimeout(() => resolve(null), 1_000)
        })
        ;(socket.emit as (name: string, payload?: unknown) => void)(event, {})
        return await error
      } finally {
        socket.close()
      }
    }
    for (const [who, caller] of refused.filter(([w]) => connectable(w))) {
      expect(await answer(caller), `${event} as ${who}`).toMatchObject({ event, message: expect.stringMatching(/^forbidden: /) as unknown })
    }
    for (const [who, caller] of allowed) {
      const error = await answer(caller)
      expect(error?.message ?? '', `${event} as ${who}`).not.toMatch(/^forbidden: /)
    }
  })
})
