// The walls' health as the server sees it, and a way to make one reload
// (a frozen page, a new layout that must be picked up now).
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
// Brings the OpenAPI fields (summary, tags) into Fastify's route schema type.
import type {} from '@fastify/swagger'
import type { Server } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/socket-events.ts'
import { DisplayHeartbeatSchema } from '../../schemas/socket-payloads.ts'
import type { DisplayRegistry } from '../displays/display-registry.ts'
import { ErrorSchema } from '../http-error.ts'

export interface DisplaysRoutesOptions {
  registry: DisplayRegistry
  io: Server<ClientToServerEvents, ServerToClientEvents>
}

// As the heartbeat accepts it (schemas/socket-payloads.ts); only ever a map key here.
const DisplayId = Type.String({ minLength: 1, maxLength: 128 })

const DisplayInfo = Type.Object({
  display_id: Type.String(),
  last_heartbeat: DisplayHeartbeatSchema,
  last_seen: Type.String({ description: 'ISO 8601 UTC time of the last heartbeat' }),
  connected: Type.Boolean(),
  silent: Type.Boolean({ description: 'no heartbeat for more than three intervals' }),
})

const displaysRoutes: FastifyPluginAsync<DisplaysRoutesOptions> = async (app, opts) => {
  const { registry, io } = opts

  app.get(
    '/displays',
    {
      schema: {
        summary: 'The walls seen, with the last heartbeat of each and those gone silent',
        tags: ['wall'],
        response: { 200: Type.Object({ displays: Type.Array(DisplayInfo) }) },
      },
    },
    async () => ({ displays: registry.list(Date.now()) }),
  )

  app.post<{ Params: { id: string } }>(
    '/displays/:id/reload',
    {
      schema: {
        summary: 'Make one wall reload its page',
        tags: ['wall'],
        params: Type.Object({ id: DisplayId }),
        response: {
          202: Type.Object({ display_id: Type.String(), reload: Type.Literal('sent') }),
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params
      const socketId = registry.socketIdOf(id)
      const socket = socketId === undefined ? undefined : io.sockets.sockets.get(socketId)
      if (!socket) {
        const known = registry.list(Date.now()).some((d) => d.display_id === id)
        return reply.code(404).send({
          statusCode: 404,
          code: 'not_found',
          message: known ? `display "${id}" is not connected now; ask again once it has reconnected` : `no display "${id}" has been seen`,
        })
      }
      socket.emit('display:reload')
      req.log.info({ display_id: id }, 'display reload requested')
      return reply.code(202).send({ display_id: id, reload: 'sent' })
    },
  )
}

export default displaysRoutes
