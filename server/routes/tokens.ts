// API tokens of programs, for administrators: create (the token is shown in
// this answer only), list, revoke.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { TOKEN_SCOPES, type TokenScope } from '../../schemas/roles.ts'
import type { Principal } from '../access/access.ts'
import type { AccessServices } from '../auth/access-services.ts'
import { TokenNameTakenError, type ApiToken } from '../auth/api-tokens.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'

const Scope = Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s)))
const TokenOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Scope),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked_by: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})

const out = (t: ApiToken) => ({
  ...t,
  created_at: t.created_at.toISOString(),
  last_used_at: t.last_used_at?.toISOString() ?? null,
  revoked_at: t.revoked_at?.toISOString() ?? null,
})

export default async function tokenRoutes(app: FastifyInstance, opts: { services: AccessServices }): Promise<void> {
  const { tokens, audit } = opts.services
  const tags = ['access']
  const by = (p: Principal | null) => (p?.kind === 'person' ? p.username : 'unknown')

  app.post<{ Body: { name: string; scopes: TokenScope[] } }>(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for a program; the token is in this answer only',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String({ description: 'send as Authorization: Bearer <token>; it is not shown again' }) }), 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      try {
        const { token, secret } = await tokens.create(request.body.name.trim(), request.body.scopes, by(request.principal))
        await audit.record({ who: request.principal, action: 'token.create', target: token.name, address: clientAddress(request), outcome: 'allowed', detail: { scopes: token.scopes } })
        return reply.code(201).send({ id: token.id, token: secret })
      } catch (err) {
        if (err instanceof TokenNameTakenError) throw new HttpError(409, 'conflict', err.message)
        throw err
      }
    },
  )

  app.get('/tokens', { schema: { tags, summary: 'Every API token (never the token itself)', response: { 200: Type.Object({ tokens: Type.Array(TokenOut) }) } } }, async () => ({
    tokens: (await tokens.list()).map(out),
  }))

  app.delete<{ Params: { id: string } }>(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token, at once', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: TokenOut, 404: ErrorSchema } } },
    async (request) => {
      const token = await tokens.revoke(request.params.id, by(request.principal))
      if (!token) throw new HttpError(404, 'not_found', 'no token with this id that is not revoked already')
      await audit.record({ who: request.principal, action: 'token.revoke', target: token.name, address: clientAddress(request), outcome: 'allowed' })
      return out(token)
    },
  )
}
