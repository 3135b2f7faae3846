// What every channel implements (DOMAIN.md §3, the receiver types of
// schemas/alerting-config.ts): one notification out, with an idempotency key
// so that a retry or a restart never sends a second copy, and an answer that
// says whether the vendor took it. Robots answer failures inside an HTTP 200
// (errcode / code ≠ 0): that is a failure here. The pipeline
// (dispatch → group → inhibit → silence → wait → dedup → rate limit → send
// with retries → record) calls `send` and records every attempt.
import type { Alert } from '../../../schemas/alerts.ts'
import type { Receiver } from '../../../schemas/alerting-config.ts'

/** A person reached by a person-addressed channel, from the roster's contacts. */
export interface Recipient {
  username: string
  display_name: string
  mobile?: string
  wecom_userid?: string
  dingtalk_mobile?: string
  email?: string
  /** Web Push subscriptions of this person (endpoint and keys). */
  push?: Array<{ endpoint: string; keys: { p256dh: string; auth: string } }>
}

/** A notice's words in one language, arranged by each channel as an alert message's are. */
export interface NoticeText {
  /** "日预警" / "Daily warning summary": what the headline says first. */
  label: string
  /** What follows it: the period. */
  subject: string
  /** Key figures, as [name, value]. */
  fields: Array<[string, string]>
  /** A few lines under them (the worst items). */
  list: string[]
  linkText: string
}

/**
 * A message that is not about alerts (a bulletin's summary): its words
 * written out in each language a receiver may ask for, its labels (routes
 * that name its `kind` take it), a key of its own and the page it links to.
 */
export interface Notice {
  key: string
  labels: Record<string, string> & { kind: string }
  text: Record<'zh' | 'en', NoticeText>
  /** A path on the product, e.g. /reports/daily-2026-12-01. */
  path: string
  /** When it was made (a webhook's startsAt). */
  at: string
}

/** One message to one receiver: a group of alerts, rendered by the channel in the receiver's language. */
export interface Notification {
  /** Stable for this content to this receiver: the same key is never delivered twice. */
  key: string
  receiver: Receiver
  reason: 'firing' | 'resolved' | 'escalation' | 'reminder' | 'digest' | 'notice'
  /** Set for a notice: the message is its text, not a list of alerts (firing and resolved are empty). */
  notice?: Notice
  /** The group's labels (what the alerts have in common). */
  group_labels: Record<string, string>
  firing: Alert[]
  resolved: Alert[]
  /** Alerts left out of the text to keep it short ("and 180 more"). */
  truncated: number
  /** People to address (resolved from the roster at send time): recipients of person channels, @-mentions of robots. */
  recipients: Recipient[]
  /** Link to the alert (or the desk's list) for the message: PUBLIC_URL based. */
  link: string
}

export type DeliveryResult =
  | { ok: true; detail?: string }
  | {
      ok: false
      /** Worth trying again (a timeout, a 5xx, a rate limit), or not (a bad signature, a 4xx). */
      retryable: boolean
      /** What the vendor said, safe to record: status, errcode, errmsg; never a secret or a signed URL. */
      error: string
      /** The vendor's own code when it gave one, for records and figures: "errcode 310000", "code 19021", "HTTP 503", "SMTP 451", "timeout", "ECONNREFUSED". */
      code?: string
    }

export interface Notifier {
  readonly type: Receiver['type']
  send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult>
}
