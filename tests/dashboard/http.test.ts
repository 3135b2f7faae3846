// The dashboard's requests: the CSRF token goes with every change and never
// with a read, a 401 reaches whoever registered for it, and an error keeps
// the server's message and a 429's Retry-After.
import { afterEach, expect, test, vi } from 'vitest'
import { ApiError, getJson, sendJson, whenUnauthorized } from '../../dashboard/src/api/http.ts'
import { sessionActions } from '../../dashboard/src/stores/session-store.ts'

afterEach(() => vi.unstubAllGlobals())

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: RequestInit[] = []
  vi.stubGlobal('fetch', (_path: string, init: RequestInit) => {
    seen.push(init)
    return Promise.resolve(new Response(body === null ? null : JSON.stringify(body), { status, headers }))
  })
  return seen
}

test('changes carry X-CSRF-Token from the session; reads do not', async () => {
  sessionActions.signedIn({ user: { username: 'alice', role: 'admin', display_name: 'Alice' }, csrf_token: 'csrf-1' })
  const seen = answering(200, { ok: true })
  await getJson('/api/v1/users')
  await sendJson('PATCH', '/api/v1/users/1', { role: 'lead' })
  expect((seen[0].headers as Record<string, string>)['x-csrf-token']).toBeUndefined()
  expect(seen[1].headers).toMatchObject({ 'x-csrf-token': 'csrf-1', 'content-type': 'application/json' })
  expect(seen[1].body).toBe('{"role":"lead"}')
})

test('a 401 calls the registered handler, until it is unregistered', async () => {
  const handler = vi.fn()
  const unregister = whenUnauthorized(handler)
  answering(401, { statusCode: 401, code: 'unauthorized', message: 'sign in first' })
  await expect(getJson('/api/v1/users')).rejects.toMatchObject({ status: 401, message: 'sign in first' })
  expect(handler).toHaveBeenCalledTimes(1)
  unregister()
  await expect(getJson('/api/v1/users')).rejects.toBeInstanceOf(ApiError)
  expect(handler).toHaveBeenCalledTimes(1)
})

test("a 429 keeps the server's message and its Retry-After", async () => {
  answering(429, { statusCode: 429, code: 'too_many_attempts', message: 'too many failed sign-ins; try again in 42 s' }, { 'retry-after': '42' })
  await expect(sendJson('POST', '/api/v1/auth/login', {})).rejects.toMatchObject({ status: 429, retryAfter: 42, message: 'too many failed sign-ins; try again in 42 s' })
})
