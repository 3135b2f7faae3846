// The unpaired wall's side of pairing, against a stand-in server: the code
// shown in two groups with its countdown, polling at the server's interval,
// a new code when one expires, the code kept while the server is away, and
// the approval handed over the moment it comes.
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { approvalLink, codeGroups, countdown } from '../../dashboard/src/wall/pairing-code.ts'
import { runPairing, type PairingView } from '../../dashboard/src/wall/pairing-loop.ts'

test('the code in two groups of four, its countdown, and the approval link', () => {
  expect(codeGroups('BCDFGHJK')).toEqual(['BCDF', 'GHJK'])
  expect(countdown(600_000)).toBe('10:00')
  expect(countdown(599_999)).toBe('9:59')
  expect(countdown(65_000)).toBe('1:05')
  expect(countdown(-3_000)).toBe('0:00')
  expect(approvalLink('https://cc.example', 'BCDFGHJK')).toBe('https://cc.example/admin/displays?code=BCDFGHJK')
})

type Reply = { status: number; body: unknown } | 'unreachable'

/** A server that answers POST /devices/pairing and /devices/token from queues, and counts the calls. */
function standIn(pairings: Reply[], polls: Reply[]) {
  const calls = { pairing: 0, token: 0 }
  const answer = (reply: Reply | undefined) => {
    if (reply === undefined) throw new Error('no answer queued')
    if (reply === 'unreachable') return Promise.reject(new TypeError('fetch failed'))
    return Promise.resolve(new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } }))
  }
  vi.stubGlobal('fetch', (path: string) => {
    if (path === '/api/v1/devices/pairing') return (calls.pairing++, answer(pairings.shift()))
    if (path === '/api/v1/devices/token') return (calls.token++, answer(polls.shift()))
    throw new Error(`unexpected request ${path}`)
  })
  return calls
}

const code = (user_code: string, expires_in = 600) => ({ status: 200, body: { device_code: `dc_${user_code}`, user_code, expires_in, interval: 5 } })
const pending = { status: 400, body: { error: 'authorization_pending', error_description: 'not approved yet' } }
const approved = { status: 200, body: { device: { id: 'd1', name: 'Hall left', layout: 'hall-3x2' } } }

let views: PairingView[]
let paired: unknown[]
let stop: () => void = () => {}
const start = () => {
  views = []
  paired = []
  stop = runPairing({ view: (v) => views.push(v), paired: (d) => paired.push(d) })
}
const last = () => views[views.length - 1]

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  stop()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

test('polls every interval until approved, then hands over the device', async () => {
  const calls = standIn([code('BCDFGHJK')], [pending, pending, approved])
  start()
  await vi.advanceTimersByTimeAsync(0)
  expect(last()).toMatchObject({ step: 'showing', code: 'BCDFGHJK', problem: null })
  await vi.advanceTimersByTimeAsync(4_900)
  expect(calls.token).toBe(0)
  await vi.advanceTimersByTimeAsync(10_200)
  expect(calls.token).toBe(3)
  expect(paired).toEqual([{ id: 'd1', name: 'Hall left', layout: 'hall-3x2' }])
  // Nothing more after the approval.
  await vi.advanceTimersByTimeAsync(60_000)
  expect(calls).toEqual({ pairing: 1, token: 3 })
})

test('a code that expires is replaced at once, and so is one the server calls expired', async () => {
  const expired = { status: 400, body: { error: 'expired_token', error_description: 'the code expired' } }
  const calls = standIn([code('BBBBBBBB', 7), code('CCCCCCCC'), code('DDDDDDDD')], [pending, expired])
  start()
  await vi.advanceTimersByTimeAsync(0)
  expect(last()).toMatchObject({ code: 'BBBBBBBB' })
  // A poll at 5 s, then the code's end at 7 s: a new one, without waiting for the next poll.
  await vi.advanceTimersByTimeAsync(7_000)
  expect(calls).toEqual({ pairing: 2, token: 1 })
  expect(last()).toMatchObject({ code: 'CCCCCCCC' })
  await vi.advanceTimersByTimeAsync(5_000)
  expect(last()).toMatchObject({ code: 'DDDDDDDD' })
})

test('while the server is away the code stays on screen, with the reason, and polling goes on', async () => {
  const calls = standIn([code('BCDFGHJK')], ['unreachable', { status: 503, body: { message: 'not ready' } }, pending])
  start()
  await vi.advanceTimersByTimeAsync(5_000)
  expect(last()).toMatchObject({ step: 'showing', code: 'BCDFGHJK', problem: expect.stringContaining('server unreachable') })
  await vi.advanceTimersByTimeAsync(5_000)
  expect(last()).toMatchObject({ code: 'BCDFGHJK', problem: 'not ready' })
  await vi.advanceTimersByTimeAsync(5_000)
  expect(last()).toMatchObject({ code: 'BCDFGHJK', problem: null })
  expect(calls).toEqual({ pairing: 1, token: 3 })
})

test('without a code yet, asking again backs off and says why', async () => {
  const calls = standIn(['unreachable', { status: 429, body: { message: 'slow down' } }, code('BCDFGHJK')], [])
  start()
  await vi.advanceTimersByTimeAsync(0)
  expect(last()).toMatchObject({ step: 'asking', problem: expect.stringContaining('server unreachable') })
  await vi.advanceTimersByTimeAsync(2_000)
  expect(last()).toMatchObject({ step: 'asking', problem: 'slow down' })
  await vi.advanceTimersByTimeAsync(4_000)
  expect(last()).toMatchObject({ step: 'showing', code: 'BCDFGHJK' })
  expect(calls.pairing).toBe(3)
})
