// Credentials for tests, made the way the server makes them: a person with a
// role and a session (as after signing in), a program with an API token, a
// wall display paired and approved. Each gives the headers a request needs
// (for app.inject or fetch) and what a Socket.IO client must send.
import type { FastifyInstance } from 'fastify'
import type { PersonRole, TokenScope } from '../../schemas/roles.ts'
import { approvePairing, startPairing } from '../../server/auth/devices.ts'
import { hashPassword } from '../../server/auth/passwords.ts'
import { createUser } from '../../server/people/users.ts'

export interface Caller {
  /** Headers that authenticate a request (and, for a cookie, prove it comes from this site). */
  headers: Record<string, string>
  /** What a Socket.IO client sends: extraHeaders (cookie and Origin) or auth (a token). */
  socket: { extraHeaders?: Record<string, string>; auth?: { token: string } }
}

export interface PersonCaller extends Caller {
  userId: string
  username: string
  sessionId: string
  csrf: string
  cookie: string
}

export interface DeviceCaller extends Caller {
  deviceId: string
  sessionId: string
  cookie: string
}

/** The Origin app.inject's requests come from (its default Host is localhost:80). */
export const INJECT_ORIGIN = 'http://localhost:80'

// One hash for every test user: Argon2id is slow on purpose.
let passwordHash: Promise<string> | undefined
export const TEST_PASSWORD = 'a long test password 42'
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD))

let serial = 0

/** A person of `role`, signed in: a user in the store and a session, as a successful sign-in leaves them. */
export async function signedIn(app: FastifyInstance, role: PersonRole, opts: { origin?: string; username?: string } = {}): Promise<PersonCaller> {
  const origin = opts.origin ?? INJECT_ORIGIN
  serial += 1
  const username = opts.username ?? `${role}-${serial}`
  const user = await createUser(app.store, { username, display_name: `Test ${role} ${serial}`, role, password_hash: await testHash() }, app.access.now())
  const session = await app.access.sessions.createForUser(user.id, { address: '127.0.0.1', userAgent: 'test' })
  const cookie = `cc_session=${session.token}`
  return {
    userId: user.id,
    username,
    sessionId: session.id,
    csrf: session.csrfToken,
    cookie,
    headers: { cookie, 'x-csrf-token': session.csrfToken, origin },
    socket: { extraHeaders: { cookie, origin } },
  }
}

/** A program holding an API token with these scopes. */
export async function withToken(app: FastifyInstance, scopes: TokenScope[]): Promise<Caller & { tokenId: string; token: string }> {
  serial += 1
  const { token, secret } = await app.access.tokens.create(`test-program-${serial}`, scopes, 'test')
  return { tokenId: token.id, token: secret, headers: { authorization: `Bearer ${secret}` }, socket: { auth: { token: secret } } }
}

/** A wall display paired and approved by an administrator, with its session. */
export async function pairedDisplay(app: FastifyInstance, opts: { name?: string; layout?: string; origin?: string } = {}): Promise<DeviceCaller> {
  const origin = opts.origin ?? INJECT_ORIGIN
  serial += 1
  const now = app.access.now()
  const pairing = await startPairing(app.store, now, '127.0.0.1')
  const device = await approvePairing(app.store, pairing.user_code, { name: opts.name ?? `Test wall ${serial}`, layout: opts.layout ?? 'default', by: 'test' }, now)
  const session = await app.access.sessions.createForDevice(device.id, { address: '127.0.0.1', userAgent: 'test' })
  const cookie = `cc_display=${session.token}`
  return { deviceId: device.id, sessionId: session.id, cookie, headers: { cookie, origin }, socket: { extraHeaders: { cookie, origin } } }
}
