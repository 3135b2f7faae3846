// Stage 2a/2b, at a group's flush: the alerts as they are now (a silence, an
// inhibition or an acknowledgement that came meanwhile counts), less those
// silenced or inhibited (still recorded and shown by the engine, just not
// pushed); then, per receiver of the route, whether the log says there is
// anything new (dedup.ts), and the message that says it. No store round-trip
// here: the log is in memory and the outbox claims the flush's keys at once.
//
// The log knows alerts by id, not by fingerprint: an alert is one life of one
// rule-and-scope problem (reopened within the flap window, it is the same
// alert), so a log row left by an alert the pipeline never saw resolve (it
// was down past the flap window) cannot hide the next alert of that problem.
import type { Alert } from '../../../schemas/alerts.ts'
import type { AlertFeed } from '../alert-feed.ts'
import type { Group } from './aggregation-groups.ts'
import { needsSend, type SendReason } from './dedup.ts'
import { idempotencyKey } from './idempotency-key.ts'
import type { LogUpdate, NotificationLog } from './notification-log.ts'
import type { Notification } from './notifier.ts'
import type { Outbox } from './outbox.ts'
import type { Outgoing } from './outgoing.ts'
import type { Receivers } from './receivers.ts'

const REASON: Record<SendReason, Notification['reason']> = {
  first: 'firing',
  new_alerts: 'firing',
  all_resolved: 'resolved',
  new_resolved: 'resolved',
  repeat: 'reminder',
}

export interface FlushDeps {
  feed: AlertFeed
  log: NotificationLog
  receivers: Receivers
  outbox: Outbox
}

const isFiring = (a: Alert) => a.state === 'firing' || a.state === 'acknowledged'

/** Flushes a group at `now`; returns the ids of the alerts that leave it. */
export async function flushGroup(group: Group, now: number, deps: FlushDeps): Promise<string[]> {
  const { feed, log } = deps
  const receiverIds = [...new Set(group.route.receivers)]
  const slot = `group:${group.key}`
  // While a message of this group is on its way, what it will have told is not in the log yet.
  const underway = receiverIds.some((r) => deps.outbox.isPending(r, slot))
  const leaving: string[] = []
  const alerts: Alert[] = []
  for (const id of group.alertIds) {
    const alert = feed.get(id)
    // Gone from the feed (resolved past the flap window), or resolved and owed to no receiver: its story is told.
    const owed = alert && (isFiring(alert) || underway || receiverIds.some((r) => log.get(r, group.key)?.firing.includes(id)))
    if (!alert || !owed || alert.state === 'pending') leaving.push(id)
    else if (!alert.silenced && alert.inhibited_by === null) alerts.push(alert)
  }
  const firing = alerts.filter(isFiring)
  const resolved = alerts.filter((a) => a.state === 'resolved')
  if (firing.length === 0 && resolved.length === 0) return leaving

  const state = {
    firing: new Set(firing.map((a) => a.id)),
    resolved: new Set(resolved.map((a) => a.id)),
    unacknowledged: firing.some((a) => a.state === 'firing'),
  }
  const update: LogUpdate = { groupKey: group.key, firing: [...state.firing], resolved: [...state.resolved], at: now }
  const items: Outgoing[] = []
  for (const receiverId of receiverIds) {
    const receiver = deps.receivers.receiver(receiverId)
    if (!receiver || deps.outbox.isSending(receiverId, slot)) continue
    const sendResolved = receiver.send_resolved ?? true
    const entry = log.get(receiverId, group.key)
    const why = needsSend(entry, state, { sendResolved, repeatIntervalMs: group.route.repeatIntervalMs, now })
    if (why === null) continue
    if (why === 'all_resolved' && !sendResolved) {
      await deps.outbox.forget(receiverId, [update])
      continue
    }
    const reason = REASON[why]
    items.push({
      receiver,
      slot,
      key: idempotencyKey({
        receiverId,
        subject: group.key,
        reason,
        alerts: [...update.firing.map((id) => `${id}=firing`), ...update.resolved.map((id) => `${id}=resolved`)],
        after: entry?.sentAt ?? null,
      }),
      reason,
      groupLabels: group.labels,
      firing,
      resolved: sendResolved ? resolved : [],
      log: [update],
      deadline: now + group.route.groupIntervalMs,
    })
  }
  await deps.outbox.submit(items)
  return leaving
}
