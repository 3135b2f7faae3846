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

/** One message to one receiver: a group of alerts, rendered by the channel in the receiver's language. */
export interface Notification {
  /** Stable for this content to this receiver: the same key is never delivered twice. */
  key: string
  receiver: Receiver
  reason: 'firing' | 'resolved' | 'escalation' | 'reminder' | 'digest'
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
