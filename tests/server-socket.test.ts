// Socket.IO push against a listening server: a screen gets the snapshot at
// once, then deltas every tick that rebuild the server's snapshot exactly;
// subscribing narrows to a region; a reconnect makes the screen whole; bad
// requests are answered with request:error; display heartbeats are recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KPI_IDS } from '../schemas/kpis.ts'
import type { DisplayHeartbeat } from '../schemas/socket-events.ts'
import { eventually, openTestServer, Screen, sleep, type TestServer } from './server-harness.ts'
import { pairedDisplay, signedIn } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'

let t: TestServer
const screens: Screen[] = []
const screen = (opts: Partial<ConstructorParameters<typeof Screen>[1]> = {}) => {
  const s = new Screen(t.server.url, { caller: t.program, ...opts })
  screens.push(s)
  return s
}

async function ingest(events: ReturnType<typeof sampleEvent>[]): Promise<void> {
  await t.pipeline.submit(events.map((e) => ({ input: e, source: 'test' })))
  await t.pipeline.flush()
}
const calls = (n: number, region: string, prefix: string) =>
  Array.from({ length: n }, (_, i) => sampleEvent('call.offered', Date.now() - 2000, { call_id: `${prefix}-${i}`, region }))

beforeAll(async () => {
  t = await openTestServer()
  await ingest([...calls(3, 'D05', 'A'), ...calls(2, 'D06', 'B')])
})
afterAll(async () => {
  for (const s of screens) s.close()
  await t.close()
})

describe('push to screens', () => {
  it('sends the snapshot at once on connect', async () => {
    const s = screen()
    await s.until(() => s.snapshots.length > 0, 10_000, 'the first snapshot')
    const first = s.snapshots[0]
    expect(first.region).toBeNull()
    expect(Object.keys(first.windows['15m']).sort()).toEqual([...KPI_IDS].sort())
    // The snapshot at once is the last computed, at most a tick old; the next ticks catch up.
    await s.until(() => s.state?.windows['15m'].calls_offered.value === 5, 10_000, 'calls_offered 5')
    expect(s.gaps).toBe(0)
  })

  it('sends a delta every tick, and applying them rebuilds the server snapshot exactly', async () => {
    const s = screen()
    await s.until(() => s.snapshots.length > 0)
    let matched = 0
    s.socket.on('delta', (d) => {
      const server = t.server.app.ticks.current(null)
      // The screen applies the delta in its own handler, registered first.
      if (server?.tick === d.tick) {
        expect(s.state).toEqual(server)
        matched += 1
      }
    })
    await s.until(() => s.deltas.length >= 5, 10_000, 'five deltas')
    expect(s.gaps).toBe(0)
    expect(matched).toBeGreaterThanOrEqual(3)
    for (const [i, d] of s.deltas.entries()) {
      expect(d.tick).toBe(d.base_tick + 1)
      if (i > 0) expect(d.base_tick).toBe(s.deltas[i - 1].tick)
    }
  })

  it('carries posted events to the screen through deltas', async () => {
    const s = screen()
    await s.until(() => s.state !== undefined)
    const before = s.state!.windows['15m'].calls_offered.value ?? 0
    await ingest(calls(4, 'D07', 'C'))
    await s.until(() => s.state!.windows['15m'].calls_offered.value === before + 4, 10_000, 'calls_offered + 4')
    expect(s.snapshots).toHaveLength(1)
  })

  it('narrows to a region on subscribe and keeps pushing that region', async () => {
    const s = screen()
    await s.until(() => s.snapshots.length > 0)
    s.socket.emit('subscribe', { region: 'D05' })
    await s.until(() => s.state?.region === 'D05', 10_000, 'the D05 snapshot')
    expect(s.state!.windows['15m'].calls_offered.value).toBe(3)
    const seen = s.deltas.length
    await s.until(() => s.deltas.length >= seen + 3, 10_000, 'D05 deltas')
    expect(s.state!.region).toBe('D05')
    expect(s.gaps).toBe(0)
    await ingest(calls(2, 'D05', 'D'))
    await s.until(() => s.state!.windows['15m'].calls_offered.value === 5, 10_000, 'D05 calls_offered 5')
    // And back to the whole territory.
    s.socket.emit('subscribe', { region: null })
    await s.until(() => s.state?.region === null && s.snapshots.length === 3, 10_000, 'the territory snapshot')
    // The snapshot at once is the last computed (a tick may not have counted D05's last two yet); deltas catch up.
    await s.until(() => s.state!.windows['15m'].calls_offered.value === 11, 10_000, 'the territory calls_offered 11')
    expect(s.state!.region).toBeNull()
    expect(s.snapshots).toHaveLength(3)
  })

  it('answers an unknown region or a malformed request with request:error and keeps the scope', async () => {
    const s = screen()
    await s.until(() => s.snapshots.length > 0)
    s.socket.emit('subscribe', { region: 'ZZ' })
    await s.until(() => s.errors.length === 1, 5000, 'request:error')
    expect(s.errors[0].event).toBe('subscribe')
    expect(s.errors[0].message).toContain("unknown region 'ZZ'")
    expect(s.errors[0].message).toContain('D01')
    s.socket.emit('subscribe', { region: 5 } as unknown as { region: string })
    s.socket.emit('subscribe', { region: 'D01', view: 'kiosk' } as unknown as { region: string })
    await s.until(() => s.errors.length === 3, 5000, 'two more errors')
    expect(s.errors[1].message).toContain('region')
    expect(s.errors[2].message).toContain('must NOT have additional properties')
    const seen = s.deltas.length
    await s.until(() => s.deltas.length > seen)
    expect(s.state!.region).toBeNull()
  })

  it('sends the whole snapshot again on snapshot:request', async () => {
    const s = screen()
    await s.until(() => s.snapshots.length > 0)
    s.socket.emit('snapshot:request')
    await s.until(() => s.snapshots.length === 2, 5000, 'a second snapshot')
    expect(s.snapshots[1].tick).toBeGreaterThanOrEqual(s.snapshots[0].tick)
  })

  it('makes a screen whole again after its connection drops', async () => {
    const s = screen({ subscribeOnConnect: { region: 'D06' } })
    await s.until(() => s.state?.region === 'D06', 10_000, 'the D06 snapshot')
    const snapshotsBefore = s.snapshots.length
    // Drop the transport as a network failure would; the client reconnects by itself.
    s.socket.io.engine.close()
    await s.until(() => s.snapshots.length >= snapshotsBefore + 2 && s.state?.region === 'D06', 10_000, 'snapshots after the reconnect')
    // Events arrive while it was away and after: its state follows.
    await ingest(calls(3, 'D06', 'E'))
    await s.until(() => s.state!.windows['15m'].calls_offered.value === 5, 10_000, 'D06 calls_offered 5')
    await s.until(() => t.server.app.ticks.current('D06')?.tick === s.state!.tick, 5000, 'the same tick as the server')
    expect(s.state).toEqual(t.server.app.ticks.current('D06'))
  })
})

describe('displays', () => {
  const heartbeat: DisplayHeartbeat = {
    layout: 'default',
    build: 'dev',
    updates_per_minute: 60,
    js_heap_bytes: 50_000_000,
    screen: { width: 1920, height: 1080 },
    url: 'http://127.0.0.1/wall',
  }

  it('records valid heartbeats of a paired display, refuses malformed ones, and sees the display go', async () => {
    const wall = await pairedDisplay(t.server.app, { name: 'Hall left', origin: t.server.url })
    const admin = await signedIn(t.server.app, 'admin', { origin: t.server.url })
    const s = screen({ caller: wall })
    await s.until(() => s.snapshots.length > 0)
    s.socket.emit('display:heartbeat', heartbeat)
    s.socket.emit('display:heartbeat', { ...heartbeat, screen: { width: 'wide', height: 1080 } } as unknown as DisplayHeartbeat)
    await s.until(() => s.errors.length === 1, 5000, 'request:error')
    expect(s.errors[0]).toMatchObject({ event: 'display:heartbeat' })
    expect(s.errors[0].message).toContain('screen.width')
    const list = async () =>
      (await fetch(`${t.server.url}/api/v1/devices`, { headers: admin.headers })).json() as Promise<{ devices: Array<{ id: string; name: string; connected: boolean; build: string | null }> }>
    await eventually(async () => (await list()).devices.some((d) => d.id === wall.deviceId && d.connected && d.build === 'dev'), 5000, 'the display listed with its heartbeat')
    s.close()
    await eventually(async () => (await list()).devices.some((d) => d.id === wall.deviceId && !d.connected), 5000, 'the display gone')
  })

  it('takes heartbeats from paired displays only', async () => {
    const viewer = await signedIn(t.server.app, 'viewer', { origin: t.server.url })
    const s = screen({ caller: viewer })
    await s.until(() => s.snapshots.length > 0)
    s.socket.emit('display:heartbeat', heartbeat)
    await s.until(() => s.errors.length === 1, 5000, 'request:error')
    expect(s.errors[0]).toEqual({ event: 'display:heartbeat', message: 'forbidden: this needs a paired wall display' })
  })

  it('counts connected screens in /metrics', async () => {
    await sleep(200)
    const open = screens.filter((s) => s.socket.connected).length
    const text = await (await fetch(`${t.server.url}/metrics`, { headers: t.program.headers })).text()
    expect(text).toMatch(new RegExp(`^cc_socket_clients ${open}$`, 'm'))
  })
})
