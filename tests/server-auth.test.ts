// The auth seam with API_TOKEN set: data routes and sockets need the token,
// probes and the dashboard's static shell stay open. (With API_TOKEN unset,
// every other server test runs open.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { openTestServer, Screen, testConfig, type TestServer } from './server-harness.ts'

const TOKEN = 'test-token-0123456789abcdef'
let t: TestServer

beforeAll(async () => {
  t = await openTestServer({ config: testConfig({ API_TOKEN: TOKEN }) })
})
afterAll(async () => {
  await t.close()
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.server.url}${path}`, { headers })

describe('with API_TOKEN set', () => {
  it('refuses data routes without a token, or with a wrong one, as JSON 401', async () => {
    // Percent-escaped paths reach the same routes and must not slip past the check.
    for (const path of ['/api/v1/snapshot', '/api/v1/workorders', '/api/v1/territory', '/metrics', '/%61pi/v1/territory', '/%6detrics']) {
      const res = await get(path)
      expect(res.status, path).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
      expect(await res.json()).toMatchObject({ statusCode: 401, code: 'unauthorized' })
    }
    const wrong = await get('/api/v1/snapshot', { authorization: 'Bearer not-the-token-at-all' })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { message: string }).message).toBe('the bearer token is not valid')
    const post = await fetch(`${t.server.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })
    expect(post.status).toBe(401)
  })

  it('lets the right bearer token through', async () => {
    const res = await get('/api/v1/snapshot', { authorization: `Bearer ${TOKEN}` })
    expect(res.status).toBe(200)
    expect((await get('/metrics', { authorization: `bearer ${TOKEN}` })).status).toBe(200)
  })

  it('keeps the probes, the docs and the dashboard shell open', async () => {
    expect((await get('/healthz')).status).toBe(200)
    expect([200, 503]).toContain((await get('/readyz')).status)
    expect((await get('/docs/json')).status).toBe(200)
    // No build in this test: the shell answers its 503 page, not a 401.
    expect((await get('/wall')).status).toBe(503)
  })

  it('refuses a socket without the token and accepts one with it', async () => {
    for (const auth of [{}, { token: 'wrong-token-wrong-token' }]) {
      const socket = connect(t.server.url, { transports: ['websocket'], auth, reconnection: false })
      const message = await new Promise<string>((resolve) => socket.on('connect_error', (err) => resolve(err.message)))
      expect(message).toMatch(/^unauthorized: /)
      socket.close()
    }
    const screen = new Screen(t.server.url, { token: TOKEN })
    try {
      await screen.until(() => screen.state !== undefined, 10_000, 'a snapshot')
      expect(screen.state!.tick).toBeGreaterThan(0)
    } finally {
      screen.close()
    }
  })

  it('never writes the token into the OpenAPI document', async () => {
    const doc = await (await get('/docs/json')).text()
    expect(doc).not.toContain(TOKEN)
    expect(doc).toContain('bearer')
  })
})
