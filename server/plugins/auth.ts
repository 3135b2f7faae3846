// The one auth seam. Every HTTP request (onRequest hook) and every Socket.IO
// connection (the socket plugin calls `app.authorize` from its handshake
// middleware) is decided by `authorize` below, so the issue that brings real
// users and roles changes this file only.
//
// Policy today: with API_TOKEN unset everything is open (the embedded
// default on one machine). With API_TOKEN set, data needs the token:
// `/api/*` and `/metrics` over HTTP as `Authorization: Bearer <token>`, and
// sockets as `auth.token` in the handshake. Left open on purpose: `/healthz`
// and `/readyz` (probes carry no credentials and reveal nothing), the
// dashboard's static shell (HTML/JS/CSS hold no data; the page then sends the
// token with its socket and API calls) and the OpenAPI docs at `/docs`.
import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ErrorBody } from '../http-error.ts'

export interface Principal {
  /** Who is calling; `anonymous` while auth is open. */
  id: string
  via: 'open' | 'token'
}

export interface Credentials {
  /** A bearer token from a header or a socket handshake, if any was sent. */
  token: string | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Decides whether credentials may reach data; null means refused. */
    authorize(credentials: Credentials): Principal | null
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

// Digests have equal length, so timingSafeEqual can compare tokens of any length.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1] : undefined
}

// Decided on the matched route, not the raw URL: the router decodes
// percent-escapes, so '/%61pi/v1/...' reaches an /api route.
function needsCredentials(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  return route !== undefined && (route.startsWith('/api/') || route === '/metrics')
}

async function auth(app: FastifyInstance, opts: { apiToken: string | undefined }): Promise<void> {
  const expected = opts.apiToken === undefined ? undefined : digest(opts.apiToken)

  app.decorate('authorize', (credentials: Credentials): Principal | null => {
    if (expected === undefined) return { id: 'anonymous', via: 'open' }
    if (credentials.token === undefined) return null
    return timingSafeEqual(digest(credentials.token), expected) ? { id: 'api-token', via: 'token' } : null
  })
  app.decorateRequest('principal', null)

  app.addHook('onRequest', async (request, reply) => {
    if (!needsCredentials(request)) return
    const principal = app.authorize({ token: bearerToken(request.headers.authorization) })
    if (principal === null) {
      const sent = request.headers.authorization !== undefined
      const body: ErrorBody = {
        statusCode: 401,
        code: 'unauthorized',
        message: sent ? 'the bearer token is not valid' : 'this server requires a bearer token (Authorization: Bearer <API_TOKEN>)',
      }
      return reply.code(401).header('www-authenticate', 'Bearer').send(body)
    }
    request.principal = principal
  })
}

export default fp(auth, { name: 'auth' })
