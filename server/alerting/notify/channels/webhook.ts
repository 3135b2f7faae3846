// The generic webhook: POST Alertmanager's webhook payload (version "4",
// render/alertmanager-v4.ts) with the receiver's headers; any 2xx is
// delivered. A 5xx, 408 or 429 is worth another try, another 4xx is not.
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { renderWebhookV4, type WebhookV4 } from '../render/alertmanager-v4.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import type { ChannelDeps } from './channel-deps.ts'
import { attempt, deadline, DeliveryError, retryableStatus, snippet } from './delivery.ts'
import { postJson } from './http-client.ts'
import { keyToken } from './once.ts'
import type { Redactor } from './redact.ts'

type Webhook = Extract<Receiver, { type: 'webhook' }>

export class WebhookNotifier implements Notifier {
  readonly type = 'webhook'

  constructor(
    private readonly receiver: Webhook,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  body(n: Notification): WebhookV4 {
    return renderWebhookV4(n, {
      alertUrl: this.deps.alertUrl ?? (() => n.link),
      externalUrl: this.deps.externalUrl ?? new URL(n.link).origin,
    })
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const d = deadline(signal, this.receiver.timeout_ms)
      // The IETF draft's Idempotency-Key header: a consumer that keeps keys drops a second copy.
      const answer = await postJson(this.receiver.url, this.body(n), d, this.deps.fetch, { ...this.receiver.headers, 'idempotency-key': keyToken(n.key) })
      if (answer.status >= 200 && answer.status <= 299) return { ok: true }
      throw new DeliveryError(`webhook answered HTTP ${answer.status}${answer.text ? `: ${snippet(answer.text)}` : ''}`, retryableStatus(answer.status), `HTTP ${answer.status}`)
    })
  }
}
