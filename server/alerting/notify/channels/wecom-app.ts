// WeCom (企业微信) application message to people: an access token from
// `gettoken` (corp id and the application's secret), cached and shared
// (wecom-tokens.ts), then `message/send` with `touser` the recipients'
// WeCom user ids joined by "|", as markdown (2048 bytes at most). A token
// WeCom calls invalid or expired (40014, 42001) is dropped and the message
// sent once more with a new one: WeCom refused the first request, so this
// cannot deliver twice. `api_base` points at another host (a proxy, a test
// server); WeCom's own by default.
import { createHash } from 'node:crypto'
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { MARKDOWN_LIMITS, renderMarkdown } from '../render/markdown.ts'
import { buildMessage } from '../render/message.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { attempt, deadline, DeliveryError, type Deadline } from './delivery.ts'
import { httpCall, jsonOf, postJson } from './http-client.ts'
import type { Redactor } from './redact.ts'
import { vendorCode, vendorResult, WECOM } from './vendor-answer.ts'
import { unique } from './wecom-robot.ts'
import { WecomTokens, type FetchedToken } from './wecom-tokens.ts'

type WecomApp = Extract<Receiver, { type: 'wecom_app' }>

export const WECOM_API_BASE = 'https://qyapi.weixin.qq.com'
/** WeCom's codes for a token that is not (or no longer) valid. */
const TOKEN_INVALID = [40014, 42001]
/** Long enough to cover the pipeline's retries, short enough that a reminder (same words, later) is not taken for a copy. */
export const DUPLICATE_CHECK_SECONDS = 600

export class WecomAppNotifier implements Notifier {
  readonly type = 'wecom_app'
  private readonly base: string
  private readonly tokenKey: string
  private readonly tokens: WecomTokens

  constructor(
    private readonly receiver: WecomApp,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {
    this.base = (receiver.api_base ?? WECOM_API_BASE).replace(/\/+$/, '')
    this.tokens = deps.wecomTokens ?? new WecomTokens(deps.now)
    // One token per application: the same corp, agent and secret share it; the secret only as a hash.
    this.tokenKey = createHash('sha256').update(`${this.base}\n${receiver.corp_id}\n${receiver.agent_id}\n${receiver.secret}`).digest('hex')
  }

  private async fetchToken(d: Deadline): Promise<FetchedToken> {
    const url = new URL(`${this.base}/cgi-bin/gettoken`)
    url.searchParams.set('corpid', this.receiver.corp_id)
    url.searchParams.set('corpsecret', this.receiver.secret)
    const body = jsonOf(await httpCall({ method: 'GET', url: url.toString() }, d, this.deps.fetch), 'WeCom gettoken')
    const code = vendorCode(body, WECOM)
    if (code !== 0) {
      throw new DeliveryError(`WeCom gettoken errcode ${code}: ${String(body.errmsg ?? '')}`.trim(), WECOM.retryable.includes(code), `errcode ${code}`)
    }
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') throw new DeliveryError('WeCom gettoken answered without access_token', false)
    return { token: body.access_token, expiresInSeconds: body.expires_in }
  }

  body(n: Notification): object {
    const message = buildMessage(n, contextFor(this.receiver, this.deps))
    return {
      touser: unique(n.recipients.map((r) => r.wecom_userid)).join('|'),
      msgtype: 'markdown',
      agentid: this.receiver.agent_id,
      markdown: { content: renderMarkdown(message, 'wecom', MARKDOWN_LIMITS.wecom_app) },
      // WeCom drops a message identical to one sent to the same people within the interval: a retry whose first try did arrive.
      enable_duplicate_check: 1,
      duplicate_check_interval: DUPLICATE_CHECK_SECONDS,
    }
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const body = this.body(n) as { touser: string }
      if (body.touser === '') throw new DeliveryError('no recipient has a WeCom user id (roster contacts: wecom_userid)', false)
      const d = deadline(signal, this.receiver.timeout_ms)
      const post = async (token: string) => {
        const url = `${this.base}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`
        return jsonOf(await postJson(url, body, d, this.deps.fetch), 'WeCom')
      }
      let token = await this.tokens.get(this.tokenKey, () => this.fetchToken(d))
      let answer = await post(token)
      if (TOKEN_INVALID.includes(vendorCode(answer, WECOM))) {
        this.tokens.invalidate(this.tokenKey, token)
        token = await this.tokens.get(this.tokenKey, () => this.fetchToken(d))
        answer = await post(token)
      }
      const result = vendorResult(answer, WECOM)
      if (result.ok && typeof answer.invaliduser === 'string' && answer.invaliduser !== '') {
        return { ok: true, detail: `WeCom did not know these user ids: ${answer.invaliduser}` }
      }
      return result
    })
  }
}
