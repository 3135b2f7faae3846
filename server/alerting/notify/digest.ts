// Stage 2d, digest: the messages a receiver's rate limit held back, merged
// into one when the window has a place again. Nothing is dropped: every
// alert of every merged message is in the digest (listed or counted) and on
// its recorded attempt, and every merged group's log is written when it is
// sent. One held message goes out as itself.
import type { Alert } from '../../../schemas/alerts.ts'
import { idempotencyKey } from './idempotency-key.ts'
import { sharedLabels } from './message.ts'
import type { Outgoing } from './outgoing.ts'

const unique = (alerts: Alert[]) => [...new Map(alerts.map((a) => [a.id, a])).values()]

export function mergeDigest(items: readonly Outgoing[], now: number, retryMs: number): Outgoing {
  if (items.length === 1) return items[0]
  const firing = unique(items.flatMap((o) => o.firing))
  const firingIds = new Set(firing.map((a) => a.id))
  const key = idempotencyKey({ receiverId: items[0].receiver.id, subject: 'digest', reason: 'digest', alerts: items.map((o) => o.key), after: null })
  const callbacks = items.flatMap((o) => (o.onFirstAttempt ? [o.onFirstAttempt] : []))
  return {
    receiver: items[0].receiver,
    slot: `digest:${key}`,
    slots: items.flatMap((o) => o.slots ?? [o.slot]),
    key,
    reason: 'digest',
    groupLabels: sharedLabels(items.map((o) => o.groupLabels)),
    firing,
    // An alert firing in one merged message and resolved in an older one is firing.
    resolved: unique(items.flatMap((o) => o.resolved)).filter((a) => !firingIds.has(a.id)),
    log: items.flatMap((o) => o.log),
    deadline: Math.max(now + retryMs, ...items.map((o) => o.deadline)),
    onFirstAttempt: callbacks.length > 0 ? async () => void (await Promise.all(callbacks.map((f) => f()))) : undefined,
  }
}
