// The notification a channel renders: the alerts worst first, the first few
// listed and the rest counted ("and 180 more"), the people to address, and a
// link to the alert: on the desk for every channel read at a desk or in a
// chat, on the lead's page for Web Push, which reaches the lead's phone
// (and to the page's list when there are many).
import type { Alert } from '../../../schemas/alerts.ts'
import type { Severity } from '../../../schemas/alerting-config.ts'
import { LISTED_ALERTS } from './defaults.ts'
import type { Notification, Recipient } from './notifier.ts'
import type { Outgoing } from './outgoing.ts'

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/** The labels every one of these sets has alike. */
export function sharedLabels(sets: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = sets
  if (!first) return {}
  return Object.fromEntries(Object.entries(first).filter(([name, value]) => rest.every((labels) => labels[name] === value)))
}

export const worstFirst = (a: Alert, b: Alert): number =>
  RANK[a.severity] - RANK[b.severity] || (a.fired_at ?? a.started_at).localeCompare(b.fired_at ?? b.started_at) || a.id.localeCompare(b.id)

/**
 * Where a message about these alerts links: one alert's page, or for many the
 * page whose inbox lists them; Web Push to the lead's page, every other
 * channel to the desk.
 */
export function alertPath(receiverType: Outgoing['receiver']['type'], alerts: readonly Alert[]): string {
  const page = receiverType === 'web_push' ? '/lead' : '/desk'
  return alerts.length === 1 ? `${page}/alerts/${encodeURIComponent(alerts[0].id)}` : page
}

export function toNotification(o: Outgoing, recipients: Recipient[], publicUrl: URL | undefined): Notification {
  const limit = o.receiver.type === 'webhook' ? Infinity : LISTED_ALERTS
  const firing = [...o.firing].sort(worstFirst).slice(0, limit)
  const resolved = [...o.resolved].sort(worstFirst).slice(0, Math.max(0, limit - firing.length))
  const all = [...o.firing, ...o.resolved]
  const path = o.notice ? o.notice.path : alertPath(o.receiver.type, all)
  return {
    key: o.key,
    receiver: o.receiver,
    reason: o.reason,
    group_labels: o.groupLabels,
    firing,
    resolved,
    truncated: all.length - firing.length - resolved.length,
    recipients,
    link: publicUrl ? new URL(path, publicUrl).href : path,
    ...(o.notice ? { notice: o.notice } : {}),
  }
}
