// What the service worker (/sw.js, built from sw-entry.ts) does: it shows
// each pushed notification with the title, body and tag the server's
// web_push channel sent (server/alerting/notify/channels/web-push.ts, its
// PushPayload), keeping the alert's link; a tap on it focuses a window
// already showing that page, or turns one of this app's windows to it, or
// opens a new one. It takes over the open pages at once so that the first
// push after installing already finds them. It caches nothing: a command
// page must show live figures or say it has none, never yesterday's.
//
// The service worker's own types (ServiceWorkerGlobalScope, PushEvent, …)
// live in TypeScript's WebWorker library, which cannot be mixed with the
// DOM library the dashboard compiles against: the few members used here
// are declared below.

interface ExtendableEventLike {
  waitUntil(work: Promise<unknown>): void
}

export interface PushEventLike extends ExtendableEventLike {
  data: { text(): string } | null
}

export interface NotificationClickLike extends ExtendableEventLike {
  notification: { data: unknown; close(): void }
}

export interface WindowClientLike {
  url: string
  focus(): Promise<unknown>
  navigate(url: string): Promise<unknown>
}

export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>
  openWindow(url: string): Promise<unknown>
  claim(): Promise<void>
}

export interface SwScope {
  location: { origin: string }
  registration: { showNotification(title: string, options: NotificationOptions): Promise<void> }
  clients: ClientsLike
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void
  addEventListener(type: 'notificationclick', listener: (event: NotificationClickLike) => void): void
}

/** The app's own page: where a notification without a usable link leads. */
export const HOME = '/lead'
const FALLBACK_TITLE = '指挥中心·值班长'
const ICON = '/icons/icon-192.png'

export interface Notice {
  title: string
  options: NotificationOptions & { data: { url: string } }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

/** An absolute http(s) address for `link` (relative to this origin), or the app's page when it is none. */
export function targetOf(link: unknown, origin: string): string {
  try {
    const url = new URL(text(link) ?? HOME, origin)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : new URL(HOME, origin).href
  } catch {
    return new URL(HOME, origin).href
  }
}

/** The notification for a pushed message: the server's JSON payload, or whatever text came, shown as it is. */
export function noticeOf(data: string | null, origin: string): Notice {
  let payload: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(data ?? '')
    if (parsed && typeof parsed === 'object') payload = parsed as Record<string, unknown>
  } catch {
    payload = { body: data }
  }
  const tag = text(payload.tag)
  // A critical alert that fires stays on screen until someone looks at it.
  const urgent = payload.status === 'firing' && payload.severity === 'critical'
  return {
    title: text(payload.title) ?? FALLBACK_TITLE,
    options: {
      body: text(payload.body) ?? '',
      ...(tag ? { tag } : {}),
      icon: ICON,
      requireInteraction: urgent,
      data: { url: targetOf(payload.url, origin) },
    },
  }
}

/** Brings the page at `url` to the front: a window showing it, else one of this app's turned to it, else a new one. */
export async function openTarget(clients: ClientsLike, url: string): Promise<void> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true })
  const showing = windows.find((w) => w.url === url)
  if (showing) {
    await showing.focus()
    return
  }
  const origin = new URL(url).origin
  const ours = windows.find((w) => new URL(w.url).origin === origin)
  if (ours) {
    try {
      await ours.navigate(url)
      await ours.focus()
      return
    } catch {
      // A window this worker does not control cannot be navigated: a new one opens instead.
    }
  }
  await clients.openWindow(url)
}

export function installPushHandlers(sw: SwScope): void {
  sw.addEventListener('install', (event) => event.waitUntil(sw.skipWaiting()))
  sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()))
  sw.addEventListener('push', (event) => {
    const notice = noticeOf(event.data?.text() ?? null, sw.location.origin)
    event.waitUntil(sw.registration.showNotification(notice.title, notice.options))
  })
  sw.addEventListener('notificationclick', (event) => {
    event.notification.close()
    const data = event.notification.data as { url?: unknown } | null
    event.waitUntil(openTarget(sw.clients, targetOf(data?.url, sw.location.origin)))
  })
}
