// Builds the notifier of a receiver: its ${NAME} references expanded (a
// missing variable stops the build, naming the receiver and the variable),
// its secrets registered with a redactor so that no error can carry them.
// Each answers a key once (once.ts). `describeReceiver` is what logs and /admin may show of a receiver: its
// type, id and host; never a secret, a key or a signed URL.
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import type { Notifier } from '../notifier.ts'
import type { ChannelDeps } from './channel-deps.ts'
import { DingtalkRobotNotifier } from './dingtalk-robot.ts'
import { EmailNotifier } from './email.ts'
import { expandReceiver } from './expand-env.ts'
import { FeishuBotNotifier } from './feishu-bot.ts'
import { DeliveredKeys, deliverOnce } from './once.ts'
import { makeRedactor, secretsOf } from './redact.ts'
import { SmsGatewayNotifier } from './sms-gateway.ts'
import { WebPushNotifier } from './web-push.ts'
import { WebhookNotifier } from './webhook.ts'
import { WECOM_API_BASE, WecomAppNotifier } from './wecom-app.ts'
import { WecomRobotNotifier } from './wecom-robot.ts'

export function createNotifier(configured: Receiver, deps: ChannelDeps): Notifier {
  return deliverOnce(channelOf(configured, deps), configured.id, deps.delivered ?? new DeliveredKeys(deps.now))
}

function channelOf(configured: Receiver, deps: ChannelDeps): Notifier {
  const receiver = expandReceiver(configured, deps.env ?? process.env)
  const redact = makeRedactor(secretsOf(receiver))
  switch (receiver.type) {
    case 'wecom_robot':
      return new WecomRobotNotifier(receiver, deps, redact)
    case 'wecom_app':
      return new WecomAppNotifier(receiver, deps, redact)
    case 'dingtalk_robot':
      return new DingtalkRobotNotifier(receiver, deps, redact)
    case 'feishu_bot':
      return new FeishuBotNotifier(receiver, deps, redact)
    case 'sms':
      return new SmsGatewayNotifier(receiver, deps, redact)
    case 'email':
      return new EmailNotifier(receiver, deps, redact)
    case 'webhook':
      return new WebhookNotifier(receiver, deps, redact)
    case 'web_push':
      return new WebPushNotifier(receiver, deps, redact)
  }
}

/** The host of a URL as configured; a URL that is (or starts with) an ${ENV} reference is named as such. */
function hostOf(url: string): string {
  const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(url)
  if (reference) return `(URL from $${reference[1]})`
  try {
    return new URL(url).host
  } catch {
    return '(not a URL)'
  }
}

/** "dingtalk_robot duty-ding → oapi.dingtalk.com": safe for a log line. */
export function describeReceiver(receiver: Receiver): string {
  const head = `${receiver.type} ${receiver.id}`
  switch (receiver.type) {
    case 'wecom_robot':
    case 'dingtalk_robot':
    case 'feishu_bot':
    case 'sms':
    case 'webhook':
      return `${head} → ${hostOf(receiver.url)}`
    case 'wecom_app':
      return `${head} → ${hostOf(receiver.api_base ?? WECOM_API_BASE)} (agent ${receiver.agent_id})`
    case 'email':
      return `${head} → smtp ${receiver.smtp.host}:${receiver.smtp.port}`
    case 'web_push':
      return `${head} → the browsers of ${receiver.to.join(', ')}`
  }
}
