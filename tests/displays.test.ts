// The display registry (server/displays/display-registry.ts): the paired
// walls seen, by device id, their last heartbeat, and those gone silent. The
// routes over it (the list with health, reload, revoke) are tested with the
// whole app in access-devices.test.ts.
import { describe, expect, test } from 'vitest'
import type { DisplayHeartbeat } from '../schemas/socket-events.ts'
import { DisplayRegistry } from '../server/displays/display-registry.ts'

const heartbeat = (extra: Partial<DisplayHeartbeat> = {}): DisplayHeartbeat => ({
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
    registry.heartbeat('sock-a', 'wall-a', heartbeat(), Date.parse('2026-01-01T08:00:00Z'))
    registry.heartbeat('sock-a', 'wall-a', heartbeat({ updates_per_minute: 58 }), Date.parse('2026-01-01T08:00:30Z'))
    registry.heartbeat('sock-b', 'wall-b', heartbeat({ layout: 'default' }), Date.parse('2026-01-01T08:00:10Z'))
    expect(registry.list(Date.parse('2026-01-01T08:00:40Z'))).toEqual([
      { device_id: 'wall-a', last_heartbeat: heartbeat({ updates_per_minute: 58 }), last_seen: '2026-01-01T08:00:30.000Z', connected: true, silent: false },
      { device_id: 'wall-b', last_heartbeat: heartbeat({ layout: 'default' }), last_seen: '2026-01-01T08:00:10.000Z', connected: true, silent: false },
    ])
    expect(registry.get('wall-c', 0)).toBeUndefined()
  })

  test('a display without a heartbeat for more than three intervals (90 s) is silent, connected or not', () => {
    const registry = new DisplayRegistry()
    registry.heartbeat('sock-a', 'wall-a', heartbeat(), 0)
    expect(registry.list(90_000)[0].silent).toBe(false)
    expect(registry.list(90_001)[0]).toMatchObject({ silent: true, connected: true })
    const quick = new DisplayRegistry({ silentAfterMs: 5_000 })
    quick.heartbeat('sock-a', 'wall-a', heartbeat(), 0)
    expect(quick.list(5_001)[0].silent).toBe(true)
  })

  test('a disconnected display stays listed, not connected; reconnecting on a new socket replaces the old one', () => {
    const registry = new DisplayRegistry()
    registry.heartbeat('sock-1', 'wall-a', heartbeat(), 1_000)
    registry.disconnected('sock-1', 2_000)
    expect(registry.list(3_000)[0]).toMatchObject({ device_id: 'wall-a', connected: false })

    registry.heartbeat('sock-2', 'wall-a', heartbeat(), 4_000)
    expect(registry.get('wall-a', 4_000)?.connected).toBe(true)
    // The old socket's late disconnect must not mark the display, now on sock-2, as gone.
    registry.disconnected('sock-1', 5_000)
    expect(registry.list(5_000)[0].connected).toBe(true)
  })

  test('holds at most 500 displays, forgetting those unseen the longest (revoked ones are never removed otherwise)', () => {
    const registry = new DisplayRegistry()
    for (let i = 0; i < 600; i++) registry.heartbeat(`sock-${i}`, `wall-${String(i).padStart(3, '0')}`, heartbeat(), i)
    const listed = registry.list(1_000)
    expect(listed).toHaveLength(500)
    expect(listed[0].device_id).toBe('wall-100')
    expect(registry.get('wall-000', 1_000)).toBeUndefined()
  })
})
