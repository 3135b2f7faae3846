// Wall displays: pairing (RFC 8628 style), approval by an administrator,
// the list with each display's health, a reload, a rename or a new layout,
// and revocation, which disconnects the display's sockets at once so it goes
// back to its pairing screen by itself.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { secureRequest, setSessionCookie } from '../access/cookies.ts'
import type { AccessServices } from '../auth/access-services.ts'
import { approvePairing, listDevices, PairingCodeError, pollPairing, revokeDevice, startPairing, updateDevice, type Device } from '../auth/devices.ts'
import { LAYOUT_NAME_PATTERN } from '../../schemas/layout.ts'
import type { DisplayRegistry } from '../displays/display-registry.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import { clientAddress } from '../plugins/access.ts'

const Name = Type.String({ minLength: 1, maxLength: 100 })
const LayoutName = Type.String({ pattern: LAYOUT_NAME_PATTERN })
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const DeviceOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  layout: Type.String(),
  state: Type.Union([Type.Literal('approved'), Type.Literal('revoked')]),
  approved_by: Type.Union([Type.String(), Type.Null()]),
  approved_at: Type.Union([Type.String(), Type.Null()]),
  revoked_by: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
  connected: Type.Boolean(),
  silent: Type.Boolean({ description: 'connected once, and no heartbeat for three intervals' }),
  last_seen: Type.Union([Type.String(), Type.Null()], { description: 'the last heartbeat' }),
  build: Type.Union([Type.String(), Type.Null()]),
  updates_per_minute: Type.Union([Type.Number(), Type.Null()]),
  js_heap_bytes: Type.Union([Type.Number(), Type.Null()]),
  screen: Type.Union([Type.Object({ width: Type.Number(), height: Type.Number() }), Type.Null()]),
})

export interface DeviceRoutesOptions {
  services: AccessServices
  registry: DisplayRegistry
  /** Sends a display its order to reload; false when it is not connected. */
  reload(deviceId: string): boolean
  /** Whether LAYOUTS_DIR has this layout: a display given one it cannot load would show nothing. */
  layoutExists(name: string): boolean
}

export default async function deviceRoutes(app: FastifyInstance, opts: DeviceRoutesOptions): Promise<void> {
  const { store, sessions, audit, now } = opts.services
  const tags = ['wall']
  const knownLayout = (name: string | undefined) => {
    if (name !== undefined && !opts.layoutExists(name)) throw new HttpError(400, 'unknown_layout', `there is no layout "${name}" in LAYOUTS_DIR (GET /api/v1/layouts lists them)`)
  }
  const iso = (d: Date | null) => (d === null ? null : d.toISOString())
  const out = (d: Device) => {
    const health = opts.registry.get(d.id, now().getTime())
    return {
      id: d.id,
      name: d.name,
      layout: d.layout,
      state: d.state as 'approved' | 'revoked',
      approved_by: d.approved_by,
      approved_at: iso(d.approved_at),
      revoked_by: d.revoked_by,
      revoked_at: iso(d.revoked_at),
      connected: health?.connected ?? false,
      silent: health?.silent ?? false,
      last_seen: health?.last_seen ?? null,
      build: health?.last_heartbeat.build ?? null,
      updates_per_minute: health?.last_heartbeat.updates_per_minute ?? null,
      js_heap_bytes: health?.last_heartbeat.js_heap_bytes ?? null,
      screen: health?.last_heartbeat.screen ?? null,
    }
  }

  app.post(
    '/devices/pairing',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'A wall asks for a pairing code (RFC 8628 device authorization)',
        response: { 200: Type.Object({ device_code: Type.String(), user_code: Type.String(), expires_in: Type.Integer(), interval: Type.Integer() }) },
      },
    },
    async (request) => {
      const pairing = await startPairing(store, now(), clientAddress(request))
      await audit.record({ who: null, action: 'device.pairing', target: pairing.user_code, address: clientAddress(request), outcome: 'allowed' })
      return pairing
    },
  )

  app.post<{ Body: { device_code: string } }>(
    '/devices/token',
    {
      schema: {
        tags,
        summary: 'A wall polls until its pairing is approved; then it gets its session cookie',
        body: Type.Object({ device_code: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ device: Type.Object({ id: Type.String(), name: Type.String(), layout: Type.String() }) }),
          400: Type.Object({ error: Type.String(), error_description: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const answer = await pollPairing(store, request.body.device_code, now())
      if (answer.state !== 'approved') {
        const description = {
          authorization_pending: 'not approved yet: an administrator enters the code at /admin/displays',
          expired_token: 'the code expired: ask for a new one',
          access_denied: 'this display was revoked',
          invalid_grant: 'unknown device code: ask for a new one',
        }[answer.state]
        return reply.code(400).send({ error: answer.state, error_description: description })
      }
      const session = await sessions.createForDevice(answer.device.id, { address: clientAddress(request), userAgent: String(request.headers['user-agent'] ?? '') })
      setSessionCookie(reply, 'device', session.token, secureRequest(request, opts.services.publicUrl), opts.services.policy)
      await audit.record({ who: { actor: `device:${answer.device.name}`, role: 'wall' }, action: 'device.session', target: answer.device.id, address: clientAddress(request), outcome: 'allowed' })
      return { device: { id: answer.device.id, name: answer.device.name, layout: answer.device.layout } }
    },
  )

  app.post<{ Body: { user_code: string; name: string; layout: string } }>(
    '/devices/approve',
    {
      schema: {
        tags,
        summary: 'Approve the wall showing this code, naming it and choosing its layout',
        body: Type.Object({ user_code: Type.String({ minLength: 1, maxLength: 20 }), name: Name, layout: LayoutName }, { additionalProperties: false }),
        response: { 200: DeviceOut, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      knownLayout(request.body.layout)
      try {
        const device = await approvePairing(store, request.body.user_code, { name: request.body.name.trim(), layout: request.body.layout, by: request.principal!.kind === 'person' ? request.principal!.username : 'unknown' }, now())
        await audit.record({ who: request.principal, action: 'device.approve', target: `${device.name} (${device.id})`, address: clientAddress(request), outcome: 'allowed', detail: { layout: device.layout } })
        return out(device)
      } catch (err) {
        if (err instanceof PairingCodeError) {
          await audit.record({ who: request.principal, action: 'device.approve', target: request.body.user_code, address: clientAddress(request), outcome: 'failed' })
          throw new HttpError(404, 'not_found', err.message)
        }
        throw err
      }
    },
  )

  app.get('/devices', { schema: { tags, summary: 'Every paired display, with its health', response: { 200: Type.Object({ devices: Type.Array(DeviceOut) }) } } }, async () => ({
    devices: (await listDevices(store)).map(out),
  }))

  app.patch<{ Params: { id: string }; Body: { name?: string; layout?: string } }>(
    '/devices/:id',
    {
      schema: {
        tags,
        summary: 'Rename a display or give it another layout (it reloads)',
        params: IdParams,
        body: Type.Object({ name: Type.Optional(Name), layout: Type.Optional(LayoutName) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: DeviceOut, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      knownLayout(request.body.layout)
      const device = await updateDevice(store, request.params.id, request.body)
      if (!device) throw new HttpError(404, 'not_found', 'no paired display with this id')
      sessions.forget()
      opts.reload(device.id)
      await audit.record({ who: request.principal, action: 'device.update', target: `${device.name} (${device.id})`, address: clientAddress(request), outcome: 'allowed', detail: request.body })
      return out(device)
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/devices/:id',
    { schema: { tags, summary: 'Revoke a display: its sessions end and its sockets close at once', params: IdParams, response: { 200: DeviceOut, 404: ErrorSchema } } },
    async (request) => {
      const by = request.principal!.kind === 'person' ? request.principal!.username : 'unknown'
      const device = await revokeDevice(store, request.params.id, by, now())
      if (!device) throw new HttpError(404, 'not_found', 'no display with this id that is not revoked already')
      await sessions.endAllOfDevice(device.id, 'revoked')
      await audit.record({ who: request.principal, action: 'device.revoke', target: `${device.name} (${device.id})`, address: clientAddress(request), outcome: 'allowed' })
      return out(device)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/devices/:id/reload',
    { schema: { tags, summary: 'Make a display reload its page', params: IdParams, response: { 202: Type.Object({ id: Type.String(), reload: Type.Literal('sent') }), 404: ErrorSchema } } },
    async (request, reply) => {
      if (!opts.reload(request.params.id)) throw new HttpError(404, 'not_found', 'this display is not connected now; ask again once it has reconnected')
      await audit.record({ who: request.principal, action: 'device.reload', target: request.params.id, address: clientAddress(request), outcome: 'allowed' })
      return reply.code(202).send({ id: request.params.id, reload: 'sent' as const })
    },
  )
}
