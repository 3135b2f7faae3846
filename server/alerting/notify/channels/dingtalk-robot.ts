// DingTalk (钉钉) custom robot with 加签 (DOMAIN.md §3): the URL gets
// `timestamp` (milliseconds) and `sign` = urlencode(base64(HMAC-SHA256(
// key = secret, message = timestamp + "\n" + secret))) as query parameters;
// DingTalk refuses a timestamp more than an hour off. Markdown; people on
// duty are @-mentioned by mobile in `at.atMobiles` AND as "@mobile" in the
// text, without which DingTalk shows the mention but alerts nobody.
import { createHmac } from 'node:crypto'
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { MARKDOWN_LIMITS, renderMarkdown } from '../render/markdown.ts'
import { buildMessage, headline } from '../render/message.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { attempt, deadline } from './delivery.ts'
import { jsonOf, postJson } from './http-client.ts'
import type { Redactor } from './redact.ts'
import { DINGTALK, vendorResult } from './vendor-answer.ts'
import { unique } from './wecom-robot.ts'

type DingtalkRobot = Extract<Receiver, { type: 'dingtalk_robot' }>

/** base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), before URL encoding. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64')
}

/** The robot's URL with `timestamp` and `sign` added (URLSearchParams percent-encodes the base64). */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url)
  signed.searchParams.set('timestamp', String(timestampMs))
  signed.searchParams.set('sign', dingtalkSign(secret, timestampMs))
  return signed.toString()
}

export class DingtalkRobotNotifier implements Notifier {
  readonly type = 'dingtalk_robot'

  constructor(
    private readonly receiver: DingtalkRobot,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  body(n: Notification): object {
    const message = buildMessage(n, contextFor(this.receiver, this.deps))
    const mobiles = this.receiver.mention ? unique(n.recipients.map((r) => r.dingtalk_mobile ?? r.mobile)) : []
    const tail = mobiles.map((m) => `@${m}`).join(' ')
    return {
      msgtype: 'markdown',
      markdown: { title: headline(message), text: renderMarkdown(message, 'dingtalk', MARKDOWN_LIMITS.dingtalk_robot, tail) },
      at: { atMobiles: mobiles, isAtAll: false },
    }
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const d = deadline(signal, this.receiver.timeout_ms)
      const now = (this.deps.now ?? (() => new Date()))().getTime()
      const answer = await postJson(dingtalkSignedUrl(this.receiver.url, this.receiver.secret, now), this.body(n), d, this.deps.fetch)
      return vendorResult(jsonOf(answer, 'DingTalk'), DINGTALK)
    })
  }
}
