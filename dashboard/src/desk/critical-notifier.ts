// A new critical alert is heard and, with the tab in the background, shown
// as a browser notification (when the person allowed them: asked from a
// button, never on load). The sound is the wall's short generated tone.
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { Alert } from '../../../schemas/alerts.ts'
import { t } from '../i18n/dictionary.ts'
import { playAlertTone } from '../wall/alert-tone.ts'
import { newCriticals } from '../alerts/inbox.ts'

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

function announce(alert: Alert): void {
  try {
    playAlertTone()
  } catch {
    // No audio in this browser: the notification and the inbox's marker remain.
  }
  if (!document.hidden || permission() !== 'granted') return
  const n = new Notification(t('inbox.notifyTitle'), { body: alert.summary, tag: alert.id, requireInteraction: true })
  n.onclick = () => {
    window.focus()
    window.location.assign(`/desk/alerts/${encodeURIComponent(alert.id)}`)
  }
}

/** Announces each critical alert that starts firing while the page is open; `alerts` null until the first list. */
export function useCriticalNotifier(alerts: readonly Alert[] | null): void {
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    if (alerts === null) return
    const { fresh, seen: next } = newCriticals(seen.current, alerts)
    seen.current = next
    for (const a of fresh) announce(a)
    if (fresh.length > 0) document.documentElement.dataset.criticalAnnounced = String(Number(document.documentElement.dataset.criticalAnnounced ?? 0) + fresh.length)
  }, [alerts])
}
