// WeCom (企业微信) group robot: POST the robot's webhook URL (its `key` in the
// query). Markdown by default. WeCom documents @-mentions by mobile
// (mentioned_mobile_list) and by user id (mentioned_list) for text
// messages only, so a receiver with `mention` sends text that the people
// on duty are actually alerted by; without `mention`, markdown.
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { renderMarkdown, MARKDOWN_LIMITS } from '../render/markdown.ts'
import { buildMessage } from '../render/message.ts'
import { renderText, WECOM_TEXT_LIMIT } from '../render/plain-text.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { attempt, deadline } from './delivery.ts'
import { jsonOf, postJson } from './http-client.ts'
import type { Redactor } from './redact.ts'
import { vendorResult, WECOM } from './vendor-answer.ts'

type WecomRobot = Extract<Receiver, { type: 'wecom_robot' }>

export class WecomRobotNotifier implements Notifier {
  readonly type = 'wecom_robot'

  constructor(
    private readonly receiver: WecomRobot,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  /** The request body for a notification (what the test server checks). */
  body(n: Notification): object {
    const message = buildMessage(n, contextFor(this.receiver, this.deps))
    const userIds = unique(n.recipients.map((r) => r.wecom_userid))
    const mobiles = unique(n.recipients.map((r) => r.mobile))
    if (this.receiver.mention && (userIds.length > 0 || mobiles.length > 0)) {
      return { msgtype: 'text', text: { content: renderText(message, WECOM_TEXT_LIMIT), mentioned_list: userIds, mentioned_mobile_list: mobiles } }
    }
    return { msgtype: 'markdown', markdown: { content: renderMarkdown(message, 'wecom', MARKDOWN_LIMITS.wecom_robot) } }
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const d = deadline(signal, this.receiver.timeout_ms)
      const answer = await postJson(this.receiver.url, this.body(n), d, this.deps.fetch)
      return vendorResult(jsonOf(answer, 'WeCom'), WECOM)
    })
  }
}

export const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))]
