// The display registry (server/displays/display-registry.ts) and its routes
// (server/routes/displays.ts): the walls seen, their last heartbeat, those
// gone silent, and a reload sent to one wall over its real socket.
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClientToServerEvents, DisplayHeartbeat, ServerToClientEvents } from '../schemas/socket-events.ts'
import { DisplayRegistry, type DisplayInfo } from '../server/displays/display-registry.ts'
import errors from '../server/plugins/errors.ts'
import displaysRoutes from '../server/routes/displays.ts'

const heartbeat = (id: string, extra: Partial<DisplayHeartbeat> = {}): DisplayHeartbeat => ({
  display_id: id,
  layout: 'hall-3x2',
  build: '20260101T000000-abcdef',
  updates_per_minute: 60,
  js_heap_bytes: 41_000_000,
  screen: { width: 5760, height: 2160 },
  url: 'http://wall.local/wall?layout=hall-3x2',
  ...extra,
})

describe('DisplayRegistry', () => {
  test('lists each display with its last heartbeat, when it was seen and whether it is connected', () => {
    const registry = new DisplayRegistry()
    registry.heartbeat('sock-a', heartbeat('wall-a'), Date.parse('2026-01-01T08:00:00Z'))
    registry.heartbeat('sock-a', heartbeat('wall-a', { updates_per_minute: 58 }), Date.parse('2026-01-01T08:00:30Z'))
    registry.heartbeat('sock-b', heartbeat('wall-b', { layout: 'default' }), Date.parse('2026-01-01T08:00:10Z'))
    expect(registry.list(Date.parse('2026-01-01T08:00:40Z'))).toEqual([
      { display_id: 'wall-a', last_heartbeat: heartbeat('wall-a', { updates_per_minute: 58 }), last_seen: '2026-01-01T08:00:30.000Z', connected: true, silent: false },
      { display_id: 'wall-b', last_heartbeat: heartbeat('wall-b', { layout: 'default' }), last_seen: '2026-01-01T08:00:10.000Z', connected: true, silent: false },
    ])
    expect(registry.socketIdOf('wall-a')).toBe('sock-a')
    expect(registry.socketIdOf('wall-c')).toBeUndefined()
  })

  test('a display without a heartbeat for more than three intervals (90 s) is silent, connected or not', () => {
    const registry = new DisplayRegistry()
    registry.heartbeat('sock-a', heartbeat('wall-a'), 0)
    expect(registry.list(90_000)[0].silent).toBe(false)
    expect(registry.list(90_001)[0]).toMatchObject({ silent: true, connected: true })
    const quick = new DisplayRegistry({ silentAfterMs: 5_000 })
    quick.heartbeat('sock-a', heartbeat('wall-a'), 0)
    expect(quick.list(5_001)[0].silent).toBe(true)
  })

  test('a disconnected display stays listed, not connected; reconnecting on a new socket replaces the old one', () => {
    const registry = new DisplayRegistry()
    registry.heartbeat('sock-1', heartbeat('wall-a'), 1_000)
    registry.disconnected('sock-1', 2_000)
    expect(registry.list(3_000)[0]).toMatchObject({ display_id: 'wall-a', connected: false })
    expect(registry.socketIdOf('wall-a')).toBeUndefined()

    registry.heartbeat('sock-2', heartbeat('wall-a'), 4_000)
    expect(registry.socketIdOf('wall-a')).toBe('sock-2')
    // The old socket's late disconnect must not mark the display, now on sock-2, as gone.
    registry.disconnected('sock-1', 5_000)
    expect(registry.list(5_000)[0].connected).toBe(true)
  })

  test('a misbehaving client inventing ids cannot grow the registry without bound', () => {
    const registry = new DisplayRegistry()
    for (let i = 0; i < 600; i++) registry.heartbeat(`sock-${i}`, heartbeat(`wall-${String(i).padStart(3, '0')}`), i)
    const listed = registry.list(1_000)
    expect(listed).toHaveLength(500)
    // The ones seen longest ago went first.
    expect(listed[0].display_id).toBe('wall-100')
    expect(registry.socketIdOf('wall-000')).toBeUndefined()
  })
})

describe('GET /api/v1/displays and POST /api/v1/displays/:id/reload over a real socket', () => {
  let app: FastifyInstance
  let io: Server<ClientToServerEvents, ServerToClientEvents>
  let url: string
  const registry = new DisplayRegistry()
  const clients: Socket<ServerToClientEvents, ClientToServerEvents>[] = []

  beforeAll(async () => {
    app = Fastify()
    await app.register(errors, { maxBodyBytes: 1024 * 1024 })
    io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server)
    // What the server's socket plugin does with heartbeats (validated there).
    io.on('connection', (socket) => {
      socket.on('display:heartbeat', (hb) => registry.heartbeat(socket.id, hb, Date.now()))
      socket.on('disconnect', () => registry.disconnected(socket.id, Date.now()))
    })
    await app.register(displaysRoutes, { prefix: '/api/v1', registry, io })
    await app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    for (const c of clients) c.disconnect()
    await io.close()
    await app.close()
  })

  async function wall(id: string) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { transports: ['websocket'], reconnection: false })
    clients.push(socket)
    await new Promise<void>((ok) => socket.once('connect', () => ok()))
    socket.emit('display:heartbeat', heartbeat(id))
    await expect.poll(() => registry.socketIdOf(id)).toBe(socket.id)
    return socket
  }

  test('lists the walls that sent a heartbeat', async () => {
    await wall('wall-lobby')
    const res = await app.inject({ url: '/api/v1/displays' })
    expect(res.statusCode).toBe(200)
    const { displays } = res.json<{ displays: DisplayInfo[] }>()
    expect(displays.find((d) => d.display_id === 'wall-lobby')).toMatchObject({
      connected: true,
      silent: false,
      last_heartbeat: { layout: 'hall-3x2', updates_per_minute: 60, js_heap_bytes: 41_000_000, screen: { width: 5760, height: 2160 } },
    })
  })

  test('a reload request reaches that wall, and only that wall', async () => {
    const target = await wall('wall-hall')
    const other = await wall('wall-desk-side')
    let otherReloaded = false
    other.on('display:reload', () => (otherReloaded = true))
    const reloaded = new Promise<void>((ok) => target.once('display:reload', () => ok()))
    const res = await app.inject({ method: 'POST', url: '/api/v1/displays/wall-hall/reload' })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual({ display_id: 'wall-hall', reload: 'sent' })
    await reloaded
    expect(otherReloaded).toBe(false)
  })

  test('a display never seen, or not connected, answers 404 saying which', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/displays/wall-nowhere/reload' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ statusCode: 404, code: 'not_found', message: 'no display "wall-nowhere" has been seen' })

    const gone = await wall('wall-gone')
    gone.disconnect()
    await expect.poll(() => registry.socketIdOf('wall-gone')).toBeUndefined()
    const res = await app.inject({ method: 'POST', url: '/api/v1/displays/wall-gone/reload' })
    expect(res.statusCode).toBe(404)
    expect(res.json<{ message: string }>().message).toContain('"wall-gone" is not connected')
    const listed = (await app.inject({ url: '/api/v1/displays' })).json<{ displays: DisplayInfo[] }>().displays
    expect(listed.find((d) => d.display_id === 'wall-gone')).toMatchObject({ connected: false })
  })
})
