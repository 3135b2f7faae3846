// The idempotency key of a notification: the same content to the same
// receiver always has the same key, so a retry, or the next process after a
// crash, sends it under the key it was claimed with, and a key recorded as
// sent is never sent again. Content means the receiver, the group (or the
// escalation tier), the alerts with their state, the reason, and the log's
// previous send (so a reminder of an unchanged group is a new message, and a
// retry of the first one is not).
import { createHash } from 'node:crypto'

export function idempotencyKey(parts: {
  receiverId: string
  /** The group key, or what names an escalation or a digest. */
  subject: string
  reason: string
  /** The alerts and their state, e.g. `<alert id>=firing`; order does not matter. */
  alerts: readonly string[]
  /** The notification log's last send for this receiver and group (epoch ms), null when it has none; for escalations, the instant the tier fell due. */
  after: number | null
}): string {
  const body = JSON.stringify([parts.receiverId, parts.subject, parts.reason, [...parts.alerts].sort(), parts.after])
  return createHash('sha256').update(body).digest('hex')
}
