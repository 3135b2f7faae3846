// Socket.IO on the app's HTTP server, as `app.io`. The handshake
// authenticates as HTTP requests do (the session cookie of a person or of a
// paired wall, or an API token as auth.token for programs), checks the Origin
// of browsers against the allowed ones, and is refused with a connect_error
// saying why. Each socket joins rooms by session, user, role and device, so a
// sign-out, a revocation or a changed right disconnects exactly its sockets;
// every event is checked against its declared access (access/route-access.ts).
// A screen then receives the snapshot of its scope at once and the scope's
// deltas after, through rooms: `scope:all` for
// the whole territory, `scope:<region>` for one region. `subscribe` moves it
// between scopes and answers with that scope's snapshot; `snapshot:request`
// sends the current one again. The alerts (the rule engine's) come whole on
// connect and on `alerts:request` (a screen that reconnects has no gap), and
// one by one (`alert`) as they change. Every payload is validated; a refused request
// answers `request:error` saying why.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Server, type Socket } from 'socket.io'
import { parseDisplayHeartbeat, parseSubscription } from '../../schemas/socket-payloads.ts'
import { decide, describeAccess, type Principal } from '../access/access.ts'
import { SOCKET_ACCESS } from '../access/route-access.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/socket-events.ts'
import type { Alert } from '../../schemas/alerts.ts'
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
  alerts: { current(): Alert[] }
  registry: DisplayRegistry
  regionCodes: readonly string[]
  audit: AuditLog
  /** PUBLIC_URL: when https, the Origin browsers send is https even behind a TLS proxy. */
  publicUrl: URL | undefined
}

/** The rooms of a principal's sockets: what a revocation or a changed right disconnects. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`
export const userRoom = (userId: string) => `user:${userId}`
export const deviceRoom = (deviceId: string) => `device:${deviceId}`
export const tokenRoom = (tokenId: string) => `token:${tokenId}`

function roomsOf(p: Principal): string[] {
  switch (p.kind) {
    case 'person':
      return [sessionRoom(p.sessionId), userRoom(p.userId), `role:${p.role}`]
    case 'device':
      return [sessionRoom(p.sessionId), deviceRoom(p.deviceId), 'role:wall']
    case 'token':
      return [tokenRoom(p.tokenId)]
  }
}

/** Tells the sockets of a room why their session ended, then disconnects them (a screen signs in or pairs again). */
export function endSockets(io: TypedIoServer, room: string, reason: string): void {
  io.to(room).emit('session:ended', { reason })
  io.in(room).disconnectSockets(true)
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

const principalOf = (socket: TypedSocket) => (socket.data as { principal: Principal }).principal

async function socketPlugin(app: FastifyInstance, opts: SocketPluginOptions): Promise<void> {
  const io: TypedIoServer = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
    serveClient: false,
    // A wall on a flaky network keeps its state through short drops.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Clients send small requests only; a larger message is refused.
    maxHttpBufferSize: 64 * 1024,
  })
  const knownRegions = new Set(opts.regionCodes)

  io.use((socket, next) => {
    const headers = socket.handshake.headers
    const cookies = app.parseCookie(typeof headers.cookie === 'string' ? headers.cookie : '')
    const token = handshakeToken(socket)
    const address = socket.handshake.address
    const refuse = async (principal: Principal | null, message: string) => {
      await opts.audit.record({ who: principal, action: 'socket.denied', target: 'connect', address, outcome: 'denied', detail: { message } })
      next(new Error(message))
    }
    const origin = typeof headers.origin === 'string' ? headers.origin : undefined
    const host = typeof headers.host === 'string' ? headers.host : undefined
    void (async () => {
      // Browsers always send an Origin; only a program (with a token) may come without.
      if ((origin !== undefined || token === undefined) && !app.originAllowed(origin, host, socket.handshake.secure || opts.publicUrl?.protocol === 'https:')) {
        return refuse(null, `forbidden: connections from ${origin ?? 'a page that sends no Origin'} are not accepted`)
      }
      const auth = await app.authenticate({
        bearer: token,
        personCookie: cookies['__Host-cc_session'] ?? cookies.cc_session,
        deviceCookie: cookies['__Host-cc_display'] ?? cookies.cc_display,
      })
      const decision = decide(SOCKET_ACCESS.connect, auth.principal)
      if (decision === 'unauthenticated') return refuse(null, 'unauthorized: sign in first (or pair this display)')
      if (decision === 'forbidden') return refuse(auth.principal, `forbidden: connecting needs ${describeAccess(SOCKET_ACCESS.connect)}`)
      ;(socket.data as { principal: Principal }).principal = auth.principal!
      void socket.join(roomsOf(auth.principal!))
      next()
    })().catch((err: unknown) => {
      app.log.error({ err }, 'socket handshake failed')
      next(new Error('internal error; the server log has the cause'))
    })
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

    // Every event is checked against its declared access; a refusal says why.
    const allowed = (event: keyof typeof SOCKET_ACCESS) => {
      if (decide(SOCKET_ACCESS[event], principalOf(socket)) === 'allow') return true
      socket.emit('request:error', { event, message: `forbidden: this needs ${describeAccess(SOCKET_ACCESS[event])}` })
      return false
    }

    serial('connect', sendSnapshot)
    socket.emit('alerts', opts.alerts.current())

    socket.on('alerts:request', () => {
      if (allowed('alerts:request')) socket.emit('alerts', opts.alerts.current())
    })

    socket.on('subscribe', (payload) => {
      if (!allowed('subscribe')) return
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

    socket.on('snapshot:request', () => {
      if (allowed('snapshot:request')) serial('snapshot:request', sendSnapshot)
    })

    socket.on('display:heartbeat', (payload) => {
      if (!allowed('display:heartbeat')) return
      const parsed = parseDisplayHeartbeat(payload)
      const principal = principalOf(socket)
      if (!parsed.ok || principal.kind !== 'device') {
        socket.emit('request:error', { event: 'display:heartbeat', message: parsed.ok ? 'only a paired display sends heartbeats' : parsed.message })
        return
      }
      opts.registry.heartbeat(socket.id, principal.deviceId, parsed.value, Date.now())
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

export default fp(socketPlugin, { name: 'socket', dependencies: ['access'] })
