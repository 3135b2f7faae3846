// A new critical alert is heard and, with the tab in the background, shown
// as a browser notification (when the person allowed them: asked from a
// button, never on load), on the desk and on the lead's phone alike. Which
// alerts are new critical ones is inbox.ts's rule over what the server
// decided; the sound is the screens' short generated tone (alert-tone.ts).
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { Alert } from '../../../schemas/alerts.ts'
import { t } from '../i18n/dictionary.ts'
import { playAlertTone } from './alert-tone.ts'
import { newCriticals } from './inbox.ts'

const supported = (): boolean => typeof Notification !== 'undefined'

let permissionListeners: Array<() => void> = []
const permission = (): NotificationPermission | 'unsupported' => (supported() ? Notification.permission : 'unsupported')

/** The browser's notification permission, re-read after asking. */
export function useNotificationPermission(): NotificationPermission | 'unsupported' {
  return useSyncExternalStore(
    (listener) => {
      permissionListeners.push(listener)
      return () => {
        permissionListeners = permissionListeners.filter((l) => l !== listener)
      }
    },
    permission,
  )
}

/** Asks for permission (from a person's click only). */
export async function askNotificationPermission(): Promise<void> {
  if (!supported()) return
  await Notification.requestPermission()
  for (const l of permissionListeners) l()
}

export interface NotifierOptions {
  /** The page a notification opens: the alert on the desk, or on /lead. */
  alertPath: (id: string) => string
  /** Whether to play the tone (the lead chooses; the desk always tries). */
  sound: boolean
}

/**
 * Shows the notification through the service worker that controls the page,
 * when one does (the lead's pages register /sw.js; Chrome on Android refuses
 * `new Notification` outright, and the worker's click handler opens
 * `data.url`), else as a page notification at once.
 */
function show(alert: Alert, url: string): void {
  const options = { body: alert.summary, tag: alert.id, requireInteraction: true }
  const warn = (err: unknown) => console.warn('notification not shown:', err)
  if (navigator.serviceWorker?.controller) {
    const data = { url: new URL(url, window.location.origin).href }
    navigator.serviceWorker.ready.then((r) => r.showNotification(t('inbox.notifyTitle'), { ...options, data })).catch(warn)
    return
  }
  try {
    const n = new Notification(t('inbox.notifyTitle'), options)
    n.onclick = () => {
      window.focus()
      window.location.assign(url)
    }
  } catch (err) {
    warn(err)
  }
}

function announce(alert: Alert, opts: NotifierOptions): void {
  if (opts.sound) {
    try {
      playAlertTone()
    } catch {
      // No audio in this browser: the notification and the list's marker remain.
    }
  }
  if (!document.hidden || permission() !== 'granted') return
  show(alert, opts.alertPath(alert.id))
}

/** Announces each critical alert (`alertPath` a stable function) that starts firing while the page is open; `alerts` null until the first list. */
export function useCriticalNotifier(alerts: readonly Alert[] | null, { alertPath, sound }: NotifierOptions): void {
  const seen = useRef<Set<string> | null>(null)
  // Run again when sound is turned on or off: nothing is announced twice, what was seen stays seen.
  useEffect(() => {
    if (alerts === null) return
    const { fresh, seen: next } = newCriticals(seen.current, alerts)
    seen.current = next
    for (const a of fresh) announce(a, { alertPath, sound })
    if (fresh.length > 0) document.documentElement.dataset.criticalAnnounced = String(Number(document.documentElement.dataset.criticalAnnounced ?? 0) + fresh.length)
  }, [alerts, alertPath, sound])
}
