// The lead page's service worker (dashboard/src/sw/push-handlers.ts) against
// a stand-in of the worker's scope: a push shows the title, body and tag the
// server's web_push channel sends and keeps its link; anything else still
// shows something; a tap brings the linked page to the front (a window on
// it, else one of the app's turned to it, else a new one). The real browser
// registers it in tests/e2e/lead.test.ts.
import { expect, test } from 'vitest'
import { installPushHandlers, noticeOf, openTarget, type ClientsLike, type SwScope, type WindowClientLike } from '../../dashboard/src/sw/push-handlers.ts'

const ORIGIN = 'https://cc.example.cn'
const payload = { title: '🔴 告警：呼损率过高', body: '地区：北山区', url: `${ORIGIN}/lead/alerts/a-1`, tag: 'k7', severity: 'critical', status: 'firing' }

test("a pushed payload becomes the notification: title, body, tag, the alert's link; a critical alert stays until looked at", () => {
  expect(noticeOf(JSON.stringify(payload), ORIGIN)).toEqual({
    title: payload.title,
    options: { body: payload.body, tag: 'k7', icon: '/icons/icon-192.png', requireInteraction: true, data: { url: payload.url } },
  })
  const resolved = noticeOf(JSON.stringify({ ...payload, status: 'resolved', url: '/lead/alerts/a-1' }), ORIGIN)
  expect(resolved.options).toMatchObject({ requireInteraction: false, data: { url: `${ORIGIN}/lead/alerts/a-1` } })
})

test('a payload that is not the server’s still shows, and never links anywhere but a web page', () => {
  expect(noticeOf('plain words', ORIGIN)).toMatchObject({ title: '指挥中心·值班长', options: { body: 'plain words', data: { url: `${ORIGIN}/lead` } } })
  expect(noticeOf(null, ORIGIN).options.data.url).toBe(`${ORIGIN}/lead`)
  expect(noticeOf(JSON.stringify({ title: 'x', url: 'javascript:alert(1)' }), ORIGIN).options.data.url).toBe(`${ORIGIN}/lead`)
})

function windows(...urls: string[]): { clients: ClientsLike; log: string[] } {
  const log: string[] = []
  const list: WindowClientLike[] = urls.map((url) => ({
    url,
    focus: () => Promise.resolve(log.push(`focus ${url}`)),
    navigate: (to: string) => Promise.resolve(log.push(`navigate ${url} → ${to}`)),
  }))
  const clients: ClientsLike = {
    matchAll: () => Promise.resolve(list),
    openWindow: (url: string) => Promise.resolve(log.push(`open ${url}`)),
    claim: () => Promise.resolve(),
  }
  return { clients, log }
}

test('a tap focuses the window showing the alert, else turns one of ours to it, else opens one', async () => {
  const target = `${ORIGIN}/lead/alerts/a-1`
  const showing = windows(`${ORIGIN}/lead`, target)
  await openTarget(showing.clients, target)
  expect(showing.log).toEqual([`focus ${target}`])
  const ours = windows('https://elsewhere.example/x', `${ORIGIN}/desk`)
  await openTarget(ours.clients, target)
  expect(ours.log).toEqual([`navigate ${ORIGIN}/desk → ${target}`, `focus ${ORIGIN}/desk`])
  const none = windows()
  await openTarget(none.clients, target)
  expect(none.log).toEqual([`open ${target}`])
})

test('the worker shows each push and opens its link on a tap', async () => {
  type Listener = (event: Record<string, unknown>) => void
  const listeners = new Map<string, Listener>()
  const shown: Array<[string, NotificationOptions]> = []
  const { clients, log } = windows()
  const scope = {
    location: { origin: ORIGIN },
    registration: { showNotification: (title: string, options: NotificationOptions) => Promise.resolve(void shown.push([title, options])) },
    clients,
    skipWaiting: () => Promise.resolve(),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  } as unknown as SwScope
  installPushHandlers(scope)
  expect([...listeners.keys()].sort()).toEqual(['activate', 'install', 'notificationclick', 'push'])

  const work: Array<Promise<unknown>> = []
  const waitUntil = (p: Promise<unknown>) => work.push(p)
  listeners.get('push')!({ data: { text: () => JSON.stringify(payload) }, waitUntil })
  await Promise.all(work)
  expect(shown).toEqual([[payload.title, expect.objectContaining({ body: payload.body, tag: 'k7', data: { url: payload.url } })]])

  let closed = false
  listeners.get('notificationclick')!({ notification: { data: shown[0][1].data, close: () => (closed = true) }, waitUntil })
  await Promise.all(work)
  expect(closed).toBe(true)
  expect(log).toEqual([`open ${payload.url}`])
})
