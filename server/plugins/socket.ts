// Socket.IO on the app's HTTP server, as `app.io`. A screen that connects
// passes the auth seam (`app.authorize`), then receives the snapshot of its
// scope at once and the scope's deltas after, through rooms: `scope:all` for
// the whole territory, `scope:<region>` for one region. `subscribe` moves it
// between scopes and answers with that scope's snapshot; `snapshot:request`
// sends the current one again. The ticker's alarms come whole on connect and
// whenever they change. Every payload is validated; a refused request
// answers `request:error` saying why.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Server, type Socket } from 'socket.io'
import { parseDisplayHeartbeat, parseSubscription } from '../../schemas/socket-payloads.ts'
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/socket-events.ts'
import type { Alarm } from '../../schemas/alarms.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'
import type { DisplayRegistry } from '../displays/display-registry.ts'

export type TypedIoServer = Server<ClientToServerEvents, ServerToClientEvents>
type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents>

declare module 'fastify' {
  interface FastifyInstance {
    io: TypedIoServer
  }
}

export interface SnapshotProvider {
  snapshotFor(region: string | null): Promise<Snapshot>
}

export interface SocketPluginOptions {
  snapshots: SnapshotProvider
  alarms: { current(): Alarm[] }
  registry: DisplayRegistry
  regionCodes: readonly string[]
}

export const scopeRoom = (region: string | null) => (region === null ? 'scope:all' : `scope:${region}`)

/** Regions at least one connected screen is narrowed to. */
export function watchedRegions(io: TypedIoServer): string[] {
  const regions: string[] = []
  for (const [room, members] of io.of('/').adapter.rooms) {
    if (room.startsWith('scope:') && room !== 'scope:all' && members.size > 0) regions.push(room.slice('scope:'.length))
  }
  return regions
}

function handshakeToken(socket: TypedSocket): string | undefined {
  const token: unknown = socket.handshake.auth?.token
  return typeof token === 'string' && token.length > 0 ? token : undefined
}

async function socketPlugin(app: FastifyInstance, opts: SocketPluginOptions): Promise<void> {
  const io: TypedIoServer = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
    serveClient: false,
    // A wall on a flaky network keeps its state through short drops.
    pingInterval: 10_000,
    pingTimeout: 10_000,
  })
  const knownRegions = new Set(opts.regionCodes)

  io.use((socket, next) => {
    const principal = app.authorize({ token: handshakeToken(socket) })
    if (principal === null) {
      next(new Error(handshakeToken(socket) ? 'unauthorized: the token is not valid' : 'unauthorized: send the API token as auth.token'))
      return
    }
    next()
  })

  io.on('connection', (socket) => {
    let region: string | null = null
    // Requests of one socket run one after another, so a subscribe sent
    // while the first snapshot is computed cannot leave it in two scopes.
    let queue: Promise<void> = Promise.resolve()
    const serial = (event: string, work: () => Promise<void>) => {
      queue = queue.then(work).catch((err: unknown) => {
        app.log.error({ err, event }, 'socket request failed')
        socket.emit('request:error', { event, message: 'internal error; the server log has the cause' })
      })
    }
    const sendSnapshot = async () => {
      const snapshot = await opts.snapshots.snapshotFor(region)
      // Joining and sending happen in the same turn: no delta can fall between.
      void socket.join(scopeRoom(region))
      socket.emit('snapshot', snapshot)
    }

    serial('connect', sendSnapshot)
    socket.emit('alarms', opts.alarms.current())

    socket.on('subscribe', (payload) => {
      serial('subscribe', async () => {
        const parsed = parseSubscription(payload)
        if (!parsed.ok) {
          socket.emit('request:error', { event: 'subscribe', message: parsed.message })
          return
        }
        const wanted = parsed.value.region ?? null
        if (wanted !== null && !knownRegions.has(wanted)) {
          socket.emit('request:error', {
            event: 'subscribe',
            message: `unknown region '${wanted}'; known regions: ${[...knownRegions].join(', ')}`,
          })
          return
        }
        const snapshot = await opts.snapshots.snapshotFor(wanted)
        void socket.leave(scopeRoom(region))
        region = wanted
        void socket.join(scopeRoom(region))
        socket.emit('snapshot', snapshot)
      })
    })

    socket.on('snapshot:request', () => serial('snapshot:request', sendSnapshot))

    socket.on('display:heartbeat', (payload) => {
      const parsed = parseDisplayHeartbeat(payload)
      if (!parsed.ok) {
        socket.emit('request:error', { event: 'display:heartbeat', message: parsed.message })
        return
      }
      opts.registry.heartbeat(socket.id, parsed.value, Date.now())
    })

    socket.on('disconnect', () => opts.registry.disconnected(socket.id, Date.now()))
  })

  app.decorate('io', io)
  // Open sockets would keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    io.local.disconnectSockets(true)
  })
  app.addHook('onClose', async () => {
    await io.close()
  })
}

export default fp(socketPlugin, { name: 'socket', dependencies: ['auth'] })
