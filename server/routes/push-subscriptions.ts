// Web Push for shift leads (the lead page): the public VAPID key a browser
// subscribes with, and subscribing or unsubscribing the browser the lead is
// using. Each person manages only their own browsers; every change is
// audited (the endpoint's host only: the full endpoint is a capability URL).
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../access/access.ts'
import type { AccessServices } from '../auth/access-services.ts'
import type { WebPushStore } from '../alerting/notify/web-push-store.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'

const Endpoint = Type.String({ pattern: '^https://', maxLength: 1000, description: "the push service's URL for this browser (PushSubscription.endpoint)" })
const SubscriptionIn = Type.Object(
  {
    endpoint: Endpoint,
    keys: Type.Object(
      {
        p256dh: Type.String({ pattern: '^[A-Za-z0-9_-]{80,100}$', description: "the browser's P-256 public key, URL-safe base64" }),
        auth: Type.String({ pattern: '^[A-Za-z0-9_-]{16,32}$', description: "the browser's auth secret, URL-safe base64" }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: true, description: 'PushSubscription.toJSON() as the browser gives it (expirationTime and other fields are ignored)' },
)

const hostOf = (endpoint: string) => new URL(endpoint).host

function person(p: Principal | null): Extract<Principal, { kind: 'person' }> {
  if (p?.kind !== 'person') throw new HttpError(403, 'forbidden', 'only a person subscribes a browser')
  return p
}

export default async function pushSubscriptionRoutes(app: FastifyInstance, opts: { services: AccessServices; webPush: WebPushStore }): Promise<void> {
  const { audit } = opts.services
  const tags = ['alerting']

  app.get(
    '/push/vapid-key',
    { schema: { tags, summary: 'The public VAPID key to subscribe a browser with (PushManager.subscribe applicationServerKey)', response: { 200: Type.Object({ public_key: Type.String() }) } } },
    async () => ({ public_key: (await opts.webPush.keys()).publicKey }),
  )

  app.post<{ Body: { endpoint: string; keys: { p256dh: string; auth: string } } }>(
    '/push/subscriptions',
    { schema: { tags, summary: "Subscribe this browser to the signed-in lead's alert pushes", body: SubscriptionIn, response: { 201: Type.Object({ subscribed: Type.Literal(true) }), 403: ErrorSchema } } },
    async (request, reply) => {
      const who = person(request.principal)
      const { endpoint, keys } = request.body
      await opts.webPush.subscribe(who.userId, { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }, String(request.headers['user-agent'] ?? ''))
      await audit.record({ who: request.principal, action: 'push.subscribe', target: hostOf(endpoint), address: clientAddress(request), outcome: 'allowed' })
      return reply.code(201).send({ subscribed: true })
    },
  )

  app.delete<{ Body: { endpoint: string } }>(
    '/push/subscriptions',
    {
      schema: {
        tags,
        summary: "Unsubscribe one of the signed-in lead's browsers",
        body: Type.Object({ endpoint: Endpoint }, { additionalProperties: true }),
        response: { 200: Type.Object({ unsubscribed: Type.Literal(true) }), 404: ErrorSchema },
      },
    },
    async (request) => {
      const who = person(request.principal)
      const { endpoint } = request.body
      if (!(await opts.webPush.unsubscribe(who.userId, endpoint))) throw new HttpError(404, 'not_found', 'you have no subscription with this endpoint')
      await audit.record({ who: request.principal, action: 'push.unsubscribe', target: hostOf(endpoint), address: clientAddress(request), outcome: 'allowed' })
      return { unsubscribed: true as const }
    },
  )
}
