// Log entries of the alert engine's transitions (its onChange seam): an
// alert fired (or fired again), was acknowledged, escalated or resolved.
// The other changes (pending, silenced, inhibited…) are not news for the
// log. A critical alert firing is notable for the handover.
import type { AlertChange, AlertFeed } from '../../alerting/alert-feed.ts'
import type { OperationsLog, SystemEntry } from '../operations-log.ts'

const ENGINE = 'engine'

function textOf(change: AlertChange): string | null {
  const { alert, kind, actor } = change
  const who = actor === ENGINE ? null : actor
  switch (kind) {
    case 'firing':
      return `告警触发：${alert.summary}`
    case 'reopened':
      return `告警再次触发：${alert.summary}`
    case 'acknowledged': {
      const ack = alert.acknowledged
      const comment = ack?.comment ? `（${ack.comment}）` : ''
      return `${ack?.display_name ?? who ?? ''} 签收告警${comment}：${alert.summary}`
    }
    case 'escalated':
      return who ? `${who} 升级告警：${alert.summary}` : `告警未签收，升级至第 ${alert.escalation.tier} 级：${alert.summary}`
    case 'resolved':
      return alert.resolved_by
        ? `${alert.resolved_by.by} 销号${alert.resolved_by.comment ? `（${alert.resolved_by.comment}）` : ''}：${alert.summary}`
        : `告警恢复：${alert.summary}`
    default:
      return null
  }
}

export function alertEntry(change: AlertChange): SystemEntry | null {
  const text = textOf(change)
  if (text === null) return null
  const firing = change.kind === 'firing' || change.kind === 'reopened'
  return {
    at: change.at,
    category: 'alert',
    text,
    target: { type: 'alert', id: change.alert.id },
    kind: `alert.${change.kind}`,
    notable: firing && change.alert.severity === 'critical',
    key: `alert:${change.alert.id}:${change.kind}:${change.at.getTime()}`,
  }
}

export function writeAlertEntries(feed: AlertFeed, log: OperationsLog): void {
  feed.onChange((change) => {
    const entry = alertEntry(change)
    if (entry) void log.report(entry)
  })
}
