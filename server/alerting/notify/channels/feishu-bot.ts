// Feishu (飞书) custom bot with its own signing, not DingTalk's: `timestamp`
// in seconds and `sign` = base64(HMAC-SHA256(key = timestamp + "\n" +
// secret, message = empty)), both in the JSON body beside the message.
// A rich-text post in the receiver's language.
import { createHmac } from 'node:crypto'
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { renderFeishuPost } from '../render/feishu-post.ts'
import { buildMessage } from '../render/message.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { attempt, deadline } from './delivery.ts'
import { jsonOf, postJson } from './http-client.ts'
import type { Redactor } from './redact.ts'
import { FEISHU, vendorResult } from './vendor-answer.ts'

type FeishuBot = Extract<Receiver, { type: 'feishu_bot' }>

/** base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update(Buffer.alloc(0)).digest('base64')
}

export class FeishuBotNotifier implements Notifier {
  readonly type = 'feishu_bot'

  constructor(
    private readonly receiver: FeishuBot,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  body(n: Notification, timestampSeconds: number): object {
    const post = renderFeishuPost(buildMessage(n, contextFor(this.receiver, this.deps)))
    return { timestamp: String(timestampSeconds), sign: feishuSign(this.receiver.secret, timestampSeconds), ...post }
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const d = deadline(signal, this.receiver.timeout_ms)
      const seconds = Math.floor((this.deps.now ?? (() => new Date()))().getTime() / 1000)
      const answer = await postJson(this.receiver.url, this.body(n, seconds), d, this.deps.fetch)
      return vendorResult(jsonOf(answer, 'Feishu'), FEISHU)
    })
  }
}
