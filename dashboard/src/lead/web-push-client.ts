// Web Push in this browser, for the lead's page: the service worker at
// /sw.js (scope /, it shows what is pushed: dashboard/src/sw/), and
// subscribing with the server's VAPID public key and handing the
// subscription to the server (POST /api/v1/push/subscriptions), or taking
// it back. Each step says plainly how it ended: a browser without push, a
// refused permission, a push service that cannot be reached (Chrome's is
// Google's FCM, usually unreachable from mainland China), or the server's
// refusal.
import { ApiError, getJson, sendJson } from '../api/http.ts'

export type PushState =
  | { kind: 'checking' }
  | { kind: 'unsupported' }
  | { kind: 'denied' }
  | { kind: 'off' }
  | { kind: 'on' }
  /** The browser's push service did not answer or refused: `detail` is what the browser said. */
  | { kind: 'unreachable'; detail: string }
  /** The server refused or could not be reached. */
  | { kind: 'failed'; detail: string }

/** How long the browser's push service gets to answer a subscription (behind a firewall it may never answer). */
const SUBSCRIBE_TIMEOUT_MS = 20_000

export const supportsPush = (): boolean => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window

/** Registers the service worker (idempotent: the browser keeps one per scope); null where there are none. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null
  return navigator.serviceWorker.register('/sw.js', { scope: '/' })
}

/** The key as PushManager.subscribe wants it: URL-safe base64 → bytes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/')
  const raw = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(raw.length))
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
  return bytes
}

const message = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err))

/** Where this browser stands now, without asking anything. */
export async function pushState(): Promise<PushState> {
  if (!supportsPush()) return { kind: 'unsupported' }
  if (Notification.permission === 'denied') return { kind: 'denied' }
  const registration = await navigator.serviceWorker.getRegistration('/')
  const subscription = await registration?.pushManager.getSubscription()
  return subscription ? { kind: 'on' } : { kind: 'off' }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Asks permission (from the person's tap), subscribes this browser and gives the subscription to the server. */
export async function subscribe(): Promise<PushState> {
  if (!supportsPush()) return { kind: 'unsupported' }
  const permission = await Notification.requestPermission()
  if (permission === 'denied') return { kind: 'denied' }
  if (permission !== 'granted') return { kind: 'off' }
  let key: string
  try {
    await registerServiceWorker()
    key = (await getJson<{ public_key: string }>('/api/v1/push/vapid-key')).public_key
  } catch (err) {
    return { kind: 'failed', detail: message(err) }
  }
  const registration = await navigator.serviceWorker.ready
  let subscription: PushSubscription
  try {
    subscription = await withTimeout(registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }), SUBSCRIBE_TIMEOUT_MS, 'push service')
  } catch (err) {
    return { kind: 'unreachable', detail: message(err) }
  }
  try {
    await sendJson('POST', '/api/v1/push/subscriptions', subscription.toJSON())
    return { kind: 'on' }
  } catch (err) {
    // The server does not know this browser: keep nothing that would look subscribed.
    await subscription.unsubscribe().catch(() => false)
    return { kind: 'failed', detail: message(err) }
  }
}

/** Takes this browser's subscription back from the server and from the push service. */
export async function unsubscribe(): Promise<PushState> {
  const registration = await navigator.serviceWorker.getRegistration('/')
  const subscription = await registration?.pushManager.getSubscription()
  if (!subscription) return { kind: 'off' }
  try {
    await sendJson('DELETE', '/api/v1/push/subscriptions', { endpoint: subscription.endpoint })
  } catch (err) {
    // 404: the server had forgotten it already (a push service said it was gone); anything else stops here.
    if (!(err instanceof ApiError && err.status === 404)) return { kind: 'failed', detail: message(err) }
  }
  await subscription.unsubscribe()
  return { kind: 'off' }
}
