// Signing in and out, who am I, one's own sessions and password, and the
// first administrator from the one-time setup link. A wrong username and a
// wrong password get the same 401 and take as long; failed sign-ins are
// throttled per account and per address (auth/login-throttle.ts).
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { clearSessionCookie, readCookie, secureRequest, setSessionCookie } from '../access/cookies.ts'
import type { AccessServices } from '../auth/access-services.ts'
import { hashPassword, passwordMatches, passwordProblem, PASSWORD_MAX, spendVerifyTime } from '../auth/passwords.ts'
import { redeemSetupLink } from '../auth/setup-link.ts'
import { HttpError, ErrorSchema } from '../http-error.ts'
import { createUser, findForLogin, normaliseUsername, setPasswordHash, USERNAME_PATTERN } from '../people/users.ts'
import { clientAddress } from '../plugins/access.ts'

const UserSchema = Type.Object({ username: Type.String(), role: Type.String(), display_name: Type.String() })
const SignedIn = Type.Object({ user: UserSchema, csrf_token: Type.String({ description: 'send it as X-CSRF-Token with every request that changes something' }) })
const Credentials = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
)
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 })
const SessionSchema = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  last_seen_at: Type.String({ format: 'date-time' }),
  expires_at: Type.String({ format: 'date-time' }),
  address: Type.String(),
  user_agent: Type.String(),
})

const WRONG = 'wrong username or password'

export default async function authRoutes(app: FastifyInstance, opts: { services: AccessServices }): Promise<void> {
  const { sessions, audit, throttle, policy, store, now } = opts.services
  const secure = (request: FastifyRequest) => secureRequest(request, opts.services.publicUrl)
  const meta = (request: FastifyRequest) => ({ address: clientAddress(request), userAgent: String(request.headers['user-agent'] ?? '') })

  // A new session at every sign-in; the browser's earlier one, if any, ends.
  const signIn = async (request: FastifyRequest, reply: FastifyReply, user: { id: string; username: string; role: string; display_name: string }) => {
    const earlier = readCookie(request, 'person')
    if (earlier) {
      const held = await sessions.authenticate(earlier)
      if (held) await sessions.end(held.principal.sessionId, 'signed in again')
    }
    const session = await sessions.createForUser(user.id, meta(request))
    setSessionCookie(reply, 'person', session.token, secure(request), policy)
    return { user: { username: user.username, role: user.role, display_name: user.display_name }, csrf_token: session.csrfToken }
  }

  app.post<{ Body: Static<typeof Credentials> }>(
    '/auth/login',
    {
      schema: {
        tags: ['access'],
        summary: 'Sign in: sets the session cookie',
        body: Credentials,
        response: { 200: SignedIn, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const username = normaliseUsername(request.body.username)
      const address = clientAddress(request)
      const wait = throttle.retryAfter(username, address)
      if (wait > 0) {
        await audit.record({ who: { actor: username, role: 'none' }, action: 'login', address, outcome: 'denied', detail: { reason: 'throttled' } })
        reply.header('retry-after', String(wait))
        throw new HttpError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${wait} s`)
      }
      const user = await findForLogin(store, username)
      const good = user ? await passwordMatches(user.password_hash, request.body.password) : (await spendVerifyTime(request.body.password), false)
      if (!user || !good) {
        throttle.failed(username, address)
        await audit.record({ who: { actor: username, role: 'none' }, action: 'login', address, outcome: 'failed' })
        throw new HttpError(401, 'unauthorized', WRONG)
      }
      if (user.disabled) {
        await audit.record({ who: { actor: username, role: user.role }, action: 'login', address, outcome: 'denied', detail: { reason: 'disabled' } })
        throw new HttpError(403, 'forbidden', 'this account is disabled; ask an administrator')
      }
      throttle.succeeded(username)
      const signedIn = await signIn(request, reply, user)
      await audit.record({ who: { actor: username, role: user.role }, action: 'login', address, outcome: 'allowed' })
      return signedIn
    },
  )

  app.post('/auth/logout', { schema: { tags: ['access'], summary: 'Sign out: the session ends on the server at once', response: { 204: Type.Null() } } }, async (request, reply) => {
    const p = request.principal!
    if (p.kind === 'person') await sessions.end(p.sessionId, 'signed out')
    clearSessionCookie(reply, 'person', secure(request))
    await audit.record({ who: p, action: 'logout', address: clientAddress(request), outcome: 'allowed' })
    return reply.code(204).send(null)
  })

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['access'],
        summary: 'Who is signed in: a person (with the CSRF token) or a paired wall display',
        response: {
          200: Type.Union([
            Type.Object({ kind: Type.Literal('person'), user: UserSchema, csrf_token: Type.String() }),
            Type.Object({ kind: Type.Literal('device'), device: Type.Object({ id: Type.String(), name: Type.String(), layout: Type.String() }) }),
          ]),
        },
      },
    },
    async (request) => {
      const p = request.principal!
      if (p.kind === 'person') return { kind: 'person' as const, user: { username: p.username, role: p.role, display_name: p.displayName }, csrf_token: p.csrfToken }
      if (p.kind === 'device') return { kind: 'device' as const, device: { id: p.deviceId, name: p.name, layout: p.layout } }
      throw new HttpError(403, 'forbidden', 'programs have no session')
    },
  )

  app.get('/auth/sessions', { schema: { tags: ['access'], summary: 'My sessions', response: { 200: Type.Object({ sessions: Type.Array(SessionSchema) }) } } }, async (request) => {
    const p = request.principal!
    if (p.kind !== 'person') throw new HttpError(403, 'forbidden', 'only people have sessions to list')
    const mine = await sessions.listOfUser(p.userId)
    return { sessions: mine.map((s) => ({ ...s, current: s.id === p.sessionId, created_at: s.created_at.toISOString(), last_seen_at: s.last_seen_at.toISOString(), expires_at: s.expires_at.toISOString() })) }
  })

  app.delete<{ Params: { id: string } }>(
    '/auth/sessions/:id',
    { schema: { tags: ['access'], summary: 'End one of my sessions', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null(), 404: ErrorSchema } } },
    async (request, reply) => {
      const p = request.principal!
      if (p.kind !== 'person' || (await sessions.ownerOf(request.params.id)) !== p.userId) throw new HttpError(404, 'not_found', 'no session of yours with this id')
      await sessions.end(request.params.id, 'ended by its owner')
      await audit.record({ who: p, action: 'session.end', target: request.params.id, address: clientAddress(request), outcome: 'allowed' })
      return reply.code(204).send(null)
    },
  )

  app.post<{ Body: { current_password: string; new_password: string } }>(
    '/auth/password',
    {
      schema: {
        tags: ['access'],
        summary: 'Change my password: my other sessions end',
        body: Type.Object({ current_password: Password, new_password: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const p = request.principal!
      if (p.kind !== 'person') throw new HttpError(403, 'forbidden', 'only people have passwords')
      const user = await findForLogin(store, p.username)
      if (!user || !(await passwordMatches(user.password_hash, request.body.current_password))) {
        await audit.record({ who: p, action: 'password.change', address: clientAddress(request), outcome: 'failed' })
        throw new HttpError(403, 'forbidden', 'the current password is wrong')
      }
      const problem = passwordProblem(request.body.new_password)
      if (problem) throw new HttpError(400, 'weak_password', problem)
      await setPasswordHash(store, user.id, await hashPassword(request.body.new_password), now())
      for (const s of await sessions.listOfUser(user.id)) if (s.id !== p.sessionId) await sessions.end(s.id, 'password changed')
      await audit.record({ who: p, action: 'password.change', target: p.username, address: clientAddress(request), outcome: 'allowed' })
      return reply.code(204).send(null)
    },
  )

  app.post<{ Body: { token: string; username: string; display_name: string; password: string } }>(
    '/auth/setup',
    {
      schema: {
        tags: ['access'],
        summary: 'Create the first administrator with the one-time setup link printed on the console',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            username: Type.String({ minLength: 2, maxLength: 64 }),
            display_name: Type.String({ minLength: 1, maxLength: 100 }),
            password: Password,
          },
          { additionalProperties: false },
        ),
        response: { 200: SignedIn, 400: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const username = normaliseUsername(request.body.username)
      if (!USERNAME_PATTERN.test(username)) throw new HttpError(400, 'bad_username', 'a username is 2–64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
      const problem = passwordProblem(request.body.password)
      if (problem) throw new HttpError(400, 'weak_password', problem)
      const passwordHash = await hashPassword(request.body.password)
      const user = await store.transaction(async (tx) => {
        if (!(await redeemSetupLink(tx, request.body.token, now()))) return null
        const created = await createUser(tx, { username, display_name: request.body.display_name.trim(), role: 'admin', password_hash: passwordHash }, now())
        await audit.record({ who: { actor: username, role: 'admin' }, action: 'setup.first_admin', target: username, address: clientAddress(request), outcome: 'allowed' }, tx)
        return created
      })
      if (!user) {
        await audit.record({ who: null, action: 'setup.first_admin', address: clientAddress(request), outcome: 'denied' })
        throw new HttpError(403, 'forbidden', 'this setup link is used, expired or unknown; restart the server for a new one if nobody can sign in yet')
      }
      return signIn(request, reply, user)
    },
  )
}
