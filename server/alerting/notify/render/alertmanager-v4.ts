// The generic webhook's body: Alertmanager's webhook payload, version "4",
// field for field, so that anything that consumes Alertmanager's webhooks
// (a ticketing bridge, a chat relay, Alertmanager's own tooling) takes ours
// as it is. What Alertmanager does and we copy: status is "firing" when any
// alert of the batch is; endsAt is Go's zero time while an alert fires; the
// receiver name is regexp-quoted (regexp.QuoteMeta); groupKey is the route
// key and the group's label set; commonLabels and commonAnnotations are the
// pairs every alert shares; truncatedAlerts counts what was left out.
import type { Alert } from '../../../../schemas/alerts.ts'
import type { Notice, Notification } from '../notifier.ts'

export interface V4Alert {
  status: 'firing' | 'resolved'
  labels: Record<string, string>
  annotations: Record<string, string>
  startsAt: string
  endsAt: string
  generatorURL: string
  fingerprint: string
}

export interface WebhookV4 {
  version: '4'
  groupKey: string
  truncatedAlerts: number
  status: 'firing' | 'resolved'
  receiver: string
  groupLabels: Record<string, string>
  commonLabels: Record<string, string>
  commonAnnotations: Record<string, string>
  externalURL: string
  alerts: V4Alert[]
}

/** Go's time.Time{} as Alertmanager marshals it: the endsAt of an alert still firing. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z'

/** Go's regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$ */
export const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')

/** A label set as Prometheus prints it (model.LabelSet.String): sorted, `{a="1", b="2"}`. */
export function labelSetString(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
  return `{${pairs.join(', ')}}`
}

/** An alert's labels as Alertmanager expects them: every alert has an alertname. */
function labelsOf(alert: Alert): Record<string, string> {
  return { alertname: alert.rule_name, ...alert.labels }
}

function annotationsOf(alert: Alert): Record<string, string> {
  return { ...alert.annotations, summary: alert.summary }
}

function common(sets: Array<Record<string, string>>): Record<string, string> {
  if (sets.length === 0) return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(sets[0])) if (sets.every((s) => s[k] === v)) out[k] = v
  return out
}

const iso = (at: string) => new Date(at).toISOString()

export interface V4Options {
  /** Where an alert can be seen (Alertmanager: the rule's expression in Prometheus): our alert's page. */
  alertUrl: (alert: Alert) => string
  /** The product's own address (PUBLIC_URL). */
  externalUrl: string
}

/**
 * A notice (a bulletin's summary) as the one entry of a batch: its labels
 * (kind=bulletin …) with an alertname, its text as annotations, the link to
 * its page; it does not fire and resolve, so it starts and ends at once.
 */
function noticeEntry(notice: Notice, link: string): V4Alert {
  const text = notice.text.zh
  return {
    status: 'firing',
    labels: { alertname: notice.labels.kind, ...notice.labels },
    annotations: {
      summary: `${text.label} ${text.subject}`,
      description: [...text.fields.map(([name, value]) => `${name}: ${value}`), ...text.list].join('\n'),
      summary_en: `${notice.text.en.label} ${notice.text.en.subject}`,
      link,
    },
    startsAt: iso(notice.at),
    endsAt: iso(notice.at),
    generatorURL: link,
    fingerprint: notice.key,
  }
}

export function renderWebhookV4(n: Notification, opts: V4Options): WebhookV4 {
  const one = (alert: Alert, resolved: boolean): V4Alert => ({
    status: resolved ? 'resolved' : 'firing',
    labels: labelsOf(alert),
    annotations: annotationsOf(alert),
    startsAt: iso(alert.fired_at ?? alert.started_at),
    endsAt: resolved && alert.resolved_at ? iso(alert.resolved_at) : GO_ZERO_TIME,
    generatorURL: opts.alertUrl(alert),
    fingerprint: alert.fingerprint,
  })
  const alerts = n.notice ? [noticeEntry(n.notice, n.link)] : [...n.firing.map((a) => one(a, false)), ...n.resolved.map((a) => one(a, true))]
  return {
    version: '4',
    groupKey: `{}:${labelSetString(n.group_labels)}`,
    truncatedAlerts: n.truncated,
    status: n.firing.length > 0 || n.notice ? 'firing' : 'resolved',
    receiver: quoteMeta(n.receiver.id),
    groupLabels: { ...n.group_labels },
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: opts.externalUrl,
    alerts,
  }
}
