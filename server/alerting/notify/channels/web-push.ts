// Web Push to the browsers the recipients subscribed (the lead page): the
// `web-push` package encrypts the payload (RFC 8291) and signs the VAPID
// header (RFC 8292) with the keys kept in the store; the request itself goes
// through fetch, under the attempt's deadline like every other channel.
// A push service that says a subscription is gone (404, 410) gets it
// deleted. The same notification pushed twice replaces itself: its Topic
// (push service) and tag (browser) derive from the idempotency key.
// Chrome's push service is unreachable from mainland China: Web Push is
// never a shift lead's only channel (docs/alerting/channels.md).
import webpush from 'web-push'
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { buildMessage, headline } from '../render/message.ts'
import { renderText } from '../render/plain-text.ts'
import type { DeliveryResult, Notification, Notifier, Recipient } from '../notifier.ts'
import { contextFor, type ChannelDeps, type WebPushDeps } from './channel-deps.ts'
import { attempt, deadline, DeliveryError, retryableStatus, snippet, type Deadline } from './delivery.ts'
import { httpCall } from './http-client.ts'
import { keyToken } from './once.ts'
import type { Redactor } from './redact.ts'

type WebPush = Extract<Receiver, { type: 'web_push' }>
type Subscription = NonNullable<Recipient['push']>[number]

/** How long a push service keeps a message for a browser that is offline: an alert older than this is news no longer. */
export const PUSH_TTL_SECONDS = 3600
/** Push services take about 4 KB of encrypted payload; the text stays well under it. */
const BODY_LIMIT = 2000

export interface PushPayload {
  title: string
  body: string
  url: string
  tag: string
  severity: string
  status: 'firing' | 'resolved'
}

export class WebPushNotifier implements Notifier {
  readonly type = 'web_push'

  constructor(
    private readonly receiver: WebPush,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  payload(n: Notification): PushPayload {
    const message = buildMessage(n, contextFor(this.receiver, this.deps))
    return {
      title: headline(message),
      body: renderText(message, BODY_LIMIT, { headline: false, listed: 3 }),
      url: n.link,
      tag: topicOf(n.key),
      severity: message.severity,
      status: message.status,
    }
  }

  private async pushOne(push: WebPushDeps, subscription: Subscription, payload: string, urgency: 'high' | 'normal', topic: string, d: Deadline): Promise<void> {
    const keys = await push.keys()
    const request = webpush.generateRequestDetails(subscription, payload, {
      vapidDetails: { subject: push.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: PUSH_TTL_SECONDS,
      urgency,
      topic,
    })
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]))
    const answer = await httpCall({ method: 'POST', url: request.endpoint, headers, body: new Uint8Array(request.body) }, d, this.deps.fetch)
    if (answer.status >= 200 && answer.status <= 299) return
    const host = new URL(subscription.endpoint).host
    if (answer.status === 404 || answer.status === 410) {
      await push.gone(subscription.endpoint)
      throw new DeliveryError(`push service ${host}: subscription gone (HTTP ${answer.status}), deleted`, false, `HTTP ${answer.status}`)
    }
    throw new DeliveryError(`push service ${host} answered HTTP ${answer.status}${answer.text ? `: ${snippet(answer.text)}` : ''}`, retryableStatus(answer.status), `HTTP ${answer.status}`)
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const push = this.deps.webPush
      if (!push) throw new DeliveryError('Web Push is not set up in this process (no VAPID keys)', false)
      const subscriptions = n.recipients.flatMap((r) => r.push ?? [])
      if (subscriptions.length === 0) throw new DeliveryError('no recipient has subscribed to Web Push (the lead page)', false)
      const d = deadline(signal, this.receiver.timeout_ms)
      const payload = this.payload(n)
      const urgency = payload.status === 'firing' && payload.severity === 'critical' ? 'high' : 'normal'
      const outcomes = await Promise.allSettled(subscriptions.map((s) => this.pushOne(push, s, JSON.stringify(payload), urgency, payload.tag, d)))
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason instanceof DeliveryError ? o.reason : new DeliveryError(String(o.reason), false)] : []))
      const delivered = subscriptions.length - failures.length
      // A browser that has it keeps one copy however often it is pushed (tag, Topic): one delivered is a delivery.
      if (delivered > 0) return failures.length === 0 ? { ok: true } : { ok: true, detail: `${delivered} of ${subscriptions.length} browsers; ${failures.map((f) => f.message).join('; ')}` }
      const code = failures.find((f) => f.code !== undefined)?.code
      return { ok: false, retryable: failures.some((f) => f.retryable), error: failures.map((f) => f.message).join('; '), ...(code === undefined ? {} : { code }) }
    })
  }
}

/** A push Topic (at most 32 URL-safe base64 characters) that is the same for the same notification. */
export const topicOf = (key: string): string => keyToken(key)
