// Who calls, and whether they may. Every request is authenticated once (an
// API token as a bearer, a person's or a wall's session cookie) and checked
// against the access its route declares (access/route-access.ts): a route
// registered without a declaration stops the app from starting. A refusal
// is 401 (no valid credentials) or 403 (not allowed), and is audited.
//
// Requests that change something and ride on a cookie must also show they
// come from this site (OWASP ASVS V4.2.2, V13.2.3): an Origin from the
// allowed origins, and the session's CSRF token in X-CSRF-Token (given at
// sign-in and by GET /api/v1/auth/me). SameSite=Strict cookies are the first
// line; these two are the second and third.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { decide, describeAccess, isPublic, type Access, type Principal } from '../access/access.ts'
import { readCookie, secureRequest, setSessionCookie } from '../access/cookies.ts'
import { routeAccess } from '../access/route-access.ts'
import type { ApiTokens } from '../auth/api-tokens.ts'
import { sameSecret } from '../auth/secrets.ts'
import type { SessionPolicy, Sessions } from '../auth/sessions.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { ErrorBody } from '../http-error.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, or null for nobody signed in. */
    principal: Principal | null
    /** Whether the principal came from a cookie (and so must prove the request is from this site). */
    viaCookie: boolean
  }
  interface FastifyInstance {
    /** Who holds these credentials (the socket handshake authenticates with the same rules). */
    authenticate(credentials: Credentials): Promise<{ principal: Principal | null; viaCookie: boolean; rotatedToken?: string }>
    /** Whether an Origin header names this site. */
    originAllowed(origin: string | undefined, host: string | undefined, secure: boolean): boolean
  }
}

export interface Credentials {
  bearer?: string
  personCookie?: string
  deviceCookie?: string
}

export interface AccessPluginOptions {
  sessions: Sessions
  tokens: ApiTokens
  audit: AuditLog
  publicUrl: URL | undefined
  /** Origins besides the server's own and PUBLIC_URL's (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[]
  policy: SessionPolicy
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1] : undefined
}

export const clientAddress = (request: FastifyRequest): string => request.ip

async function access(app: FastifyInstance, opts: AccessPluginOptions): Promise<void> {
  const extraOrigins = new Set(opts.allowedOrigins)
  if (opts.publicUrl) extraOrigins.add(opts.publicUrl.origin)

  app.decorate('originAllowed', (origin: string | undefined, host: string | undefined, secure: boolean) => {
    if (origin === undefined) return false
    if (extraOrigins.has(origin)) return true
    return host !== undefined && origin === `${secure ? 'https' : 'http'}://${host}`
  })

  app.decorate('authenticate', async (c: Credentials) => {
    if (c.bearer !== undefined) return { principal: await opts.tokens.authenticate(c.bearer), viaCookie: false }
    if (c.personCookie !== undefined) {
      const found = await opts.sessions.authenticate(c.personCookie)
      if (found) return { principal: found.principal, viaCookie: true }
    }
    if (c.deviceCookie !== undefined) {
      const found = await opts.sessions.authenticate(c.deviceCookie)
      if (found) return { principal: found.principal, viaCookie: true, rotatedToken: found.rotatedToken }
    }
    return { principal: null, viaCookie: false }
  })
  app.decorateRequest('principal', null)
  app.decorateRequest('viaCookie', false)

  // Every route declares its access, or the app does not start.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'OPTIONS') continue
      if (routeAccess(method, route.url) === undefined) {
        throw new Error(`route ${method} ${route.url} declares no access: add it to server/access/route-access.ts`)
      }
    }
  })

  const refuse = async (request: FastifyRequest, reply: FastifyReply, status: 401 | 403, message: string, access: Access) => {
    await opts.audit.record({
      who: request.principal,
      action: 'request.denied',
      target: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
      address: clientAddress(request),
      outcome: 'denied',
      detail: { status, needs: describeAccess(access) },
    })
    const body: ErrorBody = { statusCode: status, code: status === 401 ? 'unauthorized' : 'forbidden', message }
    // RFC 9110 §11.6.1: a 401 names how to authenticate (a bearer token, or the session cookie of /login).
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="command-center"')
    return reply.code(status).send(body)
  }

  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url
    // An unknown path: the not-found handler answers, saying nothing more.
    const needs = url === undefined ? undefined : routeAccess(request.method, url)
    if (needs === undefined) return
    const secure = secureRequest(request, opts.publicUrl)
    const auth = await app.authenticate({
      bearer: bearerToken(request.headers.authorization),
      personCookie: readCookie(request, 'person'),
      deviceCookie: readCookie(request, 'device'),
    })
    request.principal = auth.principal
    request.viaCookie = auth.viaCookie
    if (auth.rotatedToken) setSessionCookie(reply, 'device', auth.rotatedToken, secure, opts.policy)

    if (CHANGES.has(request.method)) {
      const origin = request.headers.origin
      // A browser sends Origin with every request that changes something; a
      // program with a token sends none. A foreign one is refused either way.
      if ((auth.viaCookie || origin !== undefined) && !app.originAllowed(origin, request.headers.host, secure)) {
        return refuse(request, reply, 403, `requests from ${origin ?? 'a page that sends no Origin'} are not accepted: this site only`, needs)
      }
      if (auth.viaCookie && !isPublic(needs)) {
        const sent = request.headers['x-csrf-token']
        const expected = auth.principal?.kind === 'person' ? auth.principal.csrfToken : undefined
        if (auth.principal?.kind === 'person' && (typeof sent !== 'string' || expected === undefined || !sameSecret(sent, expected))) {
          return refuse(request, reply, 403, 'missing or wrong X-CSRF-Token: send the csrf_token of your session (GET /api/v1/auth/me)', needs)
        }
      }
    }

    const decision = decide(needs, auth.principal)
    if (decision === 'unauthenticated') {
      const sentSomething = request.headers.authorization !== undefined || readCookie(request, 'person') !== undefined
      return refuse(request, reply, 401, sentSomething ? 'your session or token is not valid (expired, ended or revoked): sign in again' : 'sign in first', needs)
    }
    if (decision === 'forbidden') return refuse(request, reply, 403, `this needs ${describeAccess(needs)}`, needs)
  })
}

export default fp(access, { name: 'access', dependencies: ['@fastify/cookie'] })
