// Wall displays and the sockets of everyone, against a listening server on an
// injected clock: pairing as RFC 8628 has it, a display session that slides
// and rotates with a grace window, and every way a session ends closing
// exactly its sockets: a revoked display, a disabled user, a changed role, a
// sign-out, a revoked API token. Also what an administrator sees and does:
// the displays' health, a reload, the last administrator kept, the audit log
// and its copy in ClickHouse.
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '../schemas/socket-events.ts'
import { eventually, openTestServer, type TestServer } from './server-harness.ts'
import { pairedDisplay, signedIn, withToken, type Caller, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { queryRows } from './support/temp-storage.ts'

const MIN = 60_000
const DAY = 24 * 60 * MIN
let clock = shanghaiTime(8, 0, 1)
let t: TestServer
let admin: PersonCaller
const sockets: Socket[] = []

beforeAll(async () => {
  t = await openTestServer({ now: () => new Date(clock) })
  admin = await signedIn(t.server.app, 'admin', { origin: t.server.url })
})
afterAll(async () => {
  for (const s of sockets) s.close()
  await t?.close()
})

const url = (path: string) => `${t.server.url}${path}`
const json = { 'content-type': 'application/json' }

interface Answer<T> {
  status: number
  body: T
  setCookie: string | null
}
/** What the answers here are read for; each test checks the fields it is about. */
interface Body {
  error?: string
  id?: string
  state?: string
  device_code: string
  expires_in: number
  interval: number
  user_code: string
  device: { id: string; name: string; layout: string }
  user: { role: string }
  total: number
  items: Array<{ action: string }>
}

async function call(method: string, path: string, caller?: Caller, body?: object): Promise<Answer<Body>> {
  const res = await fetch(url(path), {
    method,
    headers: { ...(caller?.headers ?? {}), ...(body ? json : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Body, setCookie: res.headers.get('set-cookie') }
}

interface Live {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>
  ended: string[]
  disconnected: Promise<number>
}

/** A screen's socket, connected; `disconnected` resolves with the time it was closed by the server. */
async function live(caller: Caller): Promise<Live> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.server.url, { transports: ['websocket'], reconnection: false, ...caller.socket })
  sockets.push(socket)
  const ended: string[] = []
  socket.on('session:ended', ({ reason }) => ended.push(reason))
  const disconnected = new Promise<number>((resolve) => socket.on('disconnect', () => resolve(Date.now())))
  await new Promise<void>((resolve, reject) => {
    socket.on('snapshot', () => resolve())
    socket.on('connect_error', reject)
  })
  return { socket, ended, disconnected }
}

const stillConnected = async (l: Live) => {
  await new Promise((r) => setTimeout(r, 300))
  return l.socket.connected
}

describe('pairing a wall', () => {
  it('gives a code, waits for an administrator, then a long-lived display session', async () => {
    const pairing = await call('POST', '/api/v1/devices/pairing')
    expect(pairing.status).toBe(200)
    const { device_code, user_code, expires_in, interval } = pairing.body
    expect(user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/)
    expect(expires_in).toBe(600)
    expect(interval).toBeGreaterThanOrEqual(1)

    const pending = await call('POST', '/api/v1/devices/token', undefined, { device_code })
    expect(pending).toMatchObject({ status: 400, body: { error: 'authorization_pending' } })

    // Typed as read off the screen: lower case, with a dash, is the same code.
    const typed = `${user_code.slice(0, 4).toLowerCase()}-${user_code.slice(4)}`
    const approved = await call('POST', '/api/v1/devices/approve', admin, { user_code: typed, name: 'Hall left', layout: 'default' })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ name: 'Hall left', layout: 'default', state: 'approved', approved_by: admin.username, connected: false })

    const granted = await call('POST', '/api/v1/devices/token', undefined, { device_code })
    expect(granted.status).toBe(200)
    expect(granted.body.device).toMatchObject({ id: approved.body.id, name: 'Hall left', layout: 'default' })
    expect(granted.setCookie).toMatch(/^cc_display=[A-Za-z0-9_-]{43}; Max-Age=15552000; Path=\/; HttpOnly; SameSite=Strict$/)

    // The code is spent: a second poll gets no second session.
    expect((await call('POST', '/api/v1/devices/token', undefined, { device_code })).body.error).toBe('invalid_grant')
    const cookie = granted.setCookie!.split(';')[0]
    const wall = { headers: { cookie, origin: t.server.url }, socket: { extraHeaders: { cookie, origin: t.server.url } } }
    expect((await call('GET', '/api/v1/auth/me', wall)).body).toEqual({ kind: 'device', device: granted.body.device })
    await live(wall)
  })

  it('refuses a layout that LAYOUTS_DIR does not have, which the display could never show', async () => {
    const { user_code } = (await call('POST', '/api/v1/devices/pairing')).body
    const res = await call('POST', '/api/v1/devices/approve', admin, { user_code, name: 'Lobby', layout: 'lobby' })
    expect(res).toMatchObject({ status: 400, body: { code: 'unknown_layout' } })
    expect((await call('POST', '/api/v1/devices/approve', admin, { user_code, name: 'Lobby', layout: 'Hall_1' })).status).toBe(400)
  })

  it('refuses an unknown or expired code, and the wall is told to ask for a new one', async () => {
    expect((await call('POST', '/api/v1/devices/approve', admin, { user_code: 'BBBBBBBB', name: 'X', layout: 'default' })).status).toBe(404)
    const { device_code, user_code } = (await call('POST', '/api/v1/devices/pairing')).body
    clock += 10 * MIN + 1000
    expect((await call('POST', '/api/v1/devices/approve', admin, { user_code, name: 'Late', layout: 'default' })).status).toBe(404)
    expect((await call('POST', '/api/v1/devices/token', undefined, { device_code })).body.error).toBe('expired_token')
    expect((await call('POST', '/api/v1/devices/token', undefined, { device_code: 'dc_made-up' })).body.error).toBe('invalid_grant')
  })
})

describe('an ended session closes exactly its sockets', () => {
  it('a revoked display: its socket is told and closed at once, the other display stays', async () => {
    const revoked = await pairedDisplay(t.server.app, { name: 'To revoke', origin: t.server.url })
    const kept = await pairedDisplay(t.server.app, { name: 'To keep', origin: t.server.url })
    const [a, b] = await Promise.all([live(revoked), live(kept)])
    const asked = Date.now()
    expect((await call('DELETE', `/api/v1/devices/${revoked.deviceId}`, admin)).body).toMatchObject({ state: 'revoked', revoked_by: admin.username })
    expect((await a.disconnected) - asked).toBeLessThan(5_000)
    expect(a.ended).toEqual(['revoked'])
    expect(await stillConnected(b)).toBe(true)
    expect((await call('GET', '/api/v1/auth/me', revoked)).status).toBe(401)
    const again = connect(t.server.url, { transports: ['websocket'], reconnection: false, ...revoked.socket })
    sockets.push(again)
    expect(await new Promise<string>((resolve) => again.on('connect_error', (e) => resolve(e.message)))).toBe('unauthorized: sign in first (or pair this display)')
  })

  it('a disabled user: every socket of theirs, and only theirs', async () => {
    const officer = await signedIn(t.server.app, 'officer', { origin: t.server.url })
    const other = await signedIn(t.server.app, 'officer', { origin: t.server.url })
    const [mine, theirs] = await Promise.all([live(officer), live(other)])
    expect((await call('PATCH', `/api/v1/users/${officer.userId}`, admin, { disabled: true })).status).toBe(200)
    await mine.disconnected
    expect(mine.ended).toEqual(['user disabled'])
    expect(await stillConnected(theirs)).toBe(true)
    expect((await call('GET', '/api/v1/auth/me', officer)).status).toBe(401)
  })

  it('a changed role: the user’s sockets are closed and come back with the new role', async () => {
    const lead = await signedIn(t.server.app, 'lead', { origin: t.server.url })
    const socket = await live(lead)
    expect((await call('PATCH', `/api/v1/users/${lead.userId}`, admin, { role: 'viewer' })).status).toBe(200)
    await socket.disconnected
    expect(socket.ended).toEqual(['your role changed'])
    expect((await call('GET', '/api/v1/auth/me', lead)).body.user.role).toBe('viewer')
    expect((await call('GET', '/api/v1/users', lead)).status).toBe(403)
  })

  it('a sign-out: the sockets of that session, not those of the same person elsewhere', async () => {
    const here = await signedIn(t.server.app, 'viewer', { origin: t.server.url })
    const elsewhere = { ...(await t.server.app.access.sessions.createForUser(here.userId, { address: '10.9.9.9', userAgent: 'phone' })) }
    const phoneCookie = `cc_session=${elsewhere.token}`
    const phone = { headers: { cookie: phoneCookie, origin: t.server.url }, socket: { extraHeaders: { cookie: phoneCookie, origin: t.server.url } } }
    const [desk, mobile] = await Promise.all([live(here), live(phone)])
    expect((await call('POST', '/api/v1/auth/logout', here)).status).toBe(204)
    await desk.disconnected
    expect(desk.ended).toEqual(['signed out'])
    expect(await stillConnected(mobile)).toBe(true)
  })

  it('a revoked API token: the program’s socket closes', async () => {
    const program = await withToken(t.server.app, ['read'])
    const socket = await live(program)
    expect((await call('DELETE', `/api/v1/tokens/${program.tokenId}`, admin)).status).toBe(200)
    await socket.disconnected
    expect(socket.ended).toEqual(['API token revoked'])
    expect((await call('GET', '/api/v1/snapshot', program)).status).toBe(401)
  })
})

describe('what an administrator does with displays', () => {
  it('reloads one display, only that one, and says when it is not connected', async () => {
    const target = await pairedDisplay(t.server.app, { origin: t.server.url })
    const bystander = await pairedDisplay(t.server.app, { origin: t.server.url })
    const [a, b] = await Promise.all([live(target), live(bystander)])
    let bystanderReloaded = false
    b.socket.on('display:reload', () => (bystanderReloaded = true))
    const reloaded = new Promise<void>((resolve) => a.socket.once('display:reload', () => resolve()))
    const res = await call('POST', `/api/v1/devices/${target.deviceId}/reload`, admin)
    expect(res).toMatchObject({ status: 202, body: { id: target.deviceId, reload: 'sent' } })
    await reloaded
    expect(bystanderReloaded).toBe(false)
    a.socket.close()
    await eventually(async () => (await call('POST', `/api/v1/devices/${target.deviceId}/reload`, admin)).status === 404, 5_000, 'not connected')
  })

  it('gives a display another layout and name; it reloads to show it', async () => {
    const wall = await pairedDisplay(t.server.app, { origin: t.server.url })
    const socket = await live(wall)
    const reloaded = new Promise<void>((resolve) => socket.socket.once('display:reload', () => resolve()))
    const res = await call('PATCH', `/api/v1/devices/${wall.deviceId}`, admin, { name: 'Hall right', layout: 'hall-3x2' })
    expect(res.body).toMatchObject({ name: 'Hall right', layout: 'hall-3x2' })
    await reloaded
    expect((await call('GET', '/api/v1/auth/me', wall)).body.device).toMatchObject({ name: 'Hall right', layout: 'hall-3x2' })
  })
})

describe('people, kept safe from mistakes', () => {
  it('keeps the last administrator who can act', async () => {
    const store = t.server.app.store
    const admins = await store.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND NOT disabled")
    for (const extra of admins.filter((a) => a.id !== admin.userId)) await store.query('UPDATE users SET disabled = true WHERE id = $1', [extra.id])
    const res = await call('PATCH', `/api/v1/users/${admin.userId}`, admin, { role: 'lead' })
    expect(res).toMatchObject({ status: 409, body: { code: 'last_admin' } })
    expect((await call('PATCH', `/api/v1/users/${admin.userId}`, admin, { disabled: true })).status).toBe(409)
  })

  it('refuses a username taken already, whatever its case', async () => {
    const body = { username: 'Duty.Officer', display_name: 'Duty Officer', role: 'officer', password: 'a good long password' }
    expect((await call('POST', '/api/v1/users', admin, body)).status).toBe(201)
    expect((await call('POST', '/api/v1/users', admin, { ...body, username: 'duty.officer' })).status).toBe(409)
  })
})

describe('the audit log', () => {
  it('has every change above with who, role, what, target, when and from where, and filters by actor, action and time', async () => {
    const res = await call('GET', `/api/v1/audit?actor=${admin.username}&action=device.revoke`, admin)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(1)
    expect(res.body.items[0]).toMatchObject({ actor: admin.username, role: 'admin', action: 'device.revoke', target: expect.stringContaining('To revoke') as unknown, outcome: 'allowed', address: '127.0.0.1' })
    const actions = new Set((await call('GET', `/api/v1/audit?actor=${admin.username}&limit=500`, admin)).body.items.map((i: { action: string }) => i.action))
    for (const action of ['device.approve', 'device.revoke', 'device.reload', 'device.update', 'user.disable', 'user.role', 'user.create', 'token.revoke']) expect(actions, action).toContain(action)
    const since = new Date(clock + 1).toISOString()
    expect((await call('GET', `/api/v1/audit?since=${since}`, admin)).body.total).toBe(0)
    expect((await call('GET', '/api/v1/audit?since=yesterday', admin)).status).toBe(400)
  })

  it('is copied to ClickHouse, whole and once', async () => {
    await t.server.app.access.audit.copyNow()
    await t.server.app.access.audit.copyNow()
    const [{ n: inStore }] = await t.server.app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')
    const [copy] = await queryRows<{ rows: number; ids: number; newest: number }>(t.storage, 'SELECT count() AS rows, uniqExact(id) AS ids, max(id) AS newest FROM audit_log FINAL')
    expect(inStore).toBeGreaterThan(10)
    expect(copy).toEqual({ rows: inStore, ids: inStore, newest: inStore })
  })
})

// Last: these move the clock by months, past every person's session.
describe('a display session', () => {
  it('rotates its token once a day; the old one stays good for a grace of five minutes', async () => {
    const wall = await pairedDisplay(t.server.app, { origin: t.server.url })
    clock += DAY + MIN
    const rotated = await call('GET', '/api/v1/auth/me', wall)
    expect(rotated.status).toBe(200)
    const fresh = /^cc_display=([A-Za-z0-9_-]{43});/.exec(rotated.setCookie ?? '')?.[1]
    expect(fresh).toBeDefined()
    expect(`cc_display=${fresh}`).not.toBe(wall.cookie)
    // A second tab, or a reconnect with the cookie it had, is not locked out.
    clock += 4 * MIN
    expect((await call('GET', '/api/v1/auth/me', { headers: { cookie: wall.cookie }, socket: {} })).status).toBe(200)
    clock += 2 * MIN
    expect((await call('GET', '/api/v1/auth/me', { headers: { cookie: wall.cookie }, socket: {} })).status).toBe(401)
    expect((await call('GET', '/api/v1/auth/me', { headers: { cookie: `cc_display=${fresh}` }, socket: {} })).status).toBe(200)
  })

  it('lasts months of use, and ends after 180 days of silence', async () => {
    const wall = await pairedDisplay(t.server.app, { origin: t.server.url })
    let cookie = wall.cookie
    for (let month = 0; month < 6; month++) {
      clock += 30 * DAY
      const res = await call('GET', '/api/v1/auth/me', { headers: { cookie }, socket: {} })
      expect(res.status, `month ${month + 1}`).toBe(200)
      if (res.setCookie) cookie = res.setCookie.split(';')[0]
    }
    clock += 181 * DAY
    expect((await call('GET', '/api/v1/auth/me', { headers: { cookie }, socket: {} })).status).toBe(401)
  })
})
