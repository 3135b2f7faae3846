// SMS through the center's HTTP gateway, described by configuration (no
// vendor SDK): the body (POST: JSON, or a form when the content-type header
// says so) or the query (GET) is a template whose values may hold
// {{phone}}, {{phones}}, {{template_id}}, {{params_json}}, {{key}} (the
// idempotency key as 32 hex characters, per request: Aliyun's OutId,
// Tencent's SessionContext, for a gateway that de-duplicates) and one
// {{name}} per message parameter (render/sms-params.ts); `success` names the
// answer's field (a dotted path) and the value that means sent.
//
// Gateways keep no idempotency key, so nothing is ever sent twice: with
// {{phone}} there is one request per person, and once anyone has been sent
// the message a later failure is reported as not worth retrying (a retry
// would text again those who have it). With {{phones}} one request carries
// every number, comma-separated (Aliyun's PhoneNumbers). For the same
// reason an attempt that may have reached the gateway (no answer before the
// timeout, a 5xx other than 503) is not retryable; a refused connection,
// 429 and 503 are.
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { buildMessage } from '../render/message.ts'
import { smsParams, type SmsParams } from '../render/sms-params.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { attempt, deadline, DeliveryError, snippet, type Deadline } from './delivery.ts'
import { httpCall, jsonOf, type HttpAnswer } from './http-client.ts'
import { keyToken } from './once.ts'
import type { Redactor } from './redact.ts'
import { unique } from './wecom-robot.ts'

type Sms = Extract<Receiver, { type: 'sms' }>

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g

/** Fills one template value; an unknown placeholder is a configuration error, not an empty string sent to a phone. */
export function fillTemplate(template: string, values: Record<string, string>, receiverId: string): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    if (!(name in values)) throw new DeliveryError(`receiver "${receiverId}": unknown placeholder {{${name}}} in the SMS body`, false)
    return values[name]
  })
}

/** The value at a dotted path ("Response.SendStatusSet.0.Code"). */
export function valueAt(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body)
}

export class SmsGatewayNotifier implements Notifier {
  readonly type = 'sms'

  constructor(
    private readonly receiver: Sms,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  private get perPhone(): boolean {
    return !Object.values(this.receiver.body).some((v) => v.includes('{{phones}}'))
  }

  /** The requests one notification makes: one per phone, or one for all ({{phones}}). */
  requests(n: Notification): Array<{ phones: string[]; url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }> {
    const params: SmsParams = smsParams(buildMessage(n, contextFor(this.receiver, this.deps)))
    const phones = unique(n.recipients.map((r) => r.mobile))
    const groups = this.perPhone ? phones.map((p) => [p]) : [phones]
    const method = this.receiver.method ?? 'POST'
    const headers = { ...(this.receiver.headers ?? {}) }
    const form = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'content-type' && v.includes('application/x-www-form-urlencoded'))
    if (method === 'POST' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8'
    return groups.map((group) => {
      const values = { ...params, phone: group[0], phones: group.join(','), template_id: this.receiver.template_id, params_json: JSON.stringify(params), key: keyToken(`${n.key}\n${group.join(',')}`) }
      const filled = Object.fromEntries(Object.entries(this.receiver.body).map(([k, v]) => [k, fillTemplate(v, values, this.receiver.id)]))
      if (method === 'GET') {
        const url = new URL(this.receiver.url)
        for (const [k, v] of Object.entries(filled)) url.searchParams.set(k, v)
        return { phones: group, url: url.toString(), method, headers }
      }
      return { phones: group, url: this.receiver.url, method, headers, body: form ? new URLSearchParams(filled).toString() : JSON.stringify(filled) }
    })
  }

  private async one(request: ReturnType<SmsGatewayNotifier['requests']>[number], d: Deadline): Promise<void> {
    let answer: HttpAnswer
    try {
      answer = await httpCall(request, d, this.deps.fetch)
    } catch (err) {
      // No answer in time: the gateway may have sent it. Only a connection that never opened is safe to try again.
      if (err instanceof DeliveryError && d.signal.aborted) throw new DeliveryError(`${err.message}; the gateway may have sent it, so not retried`, false, err.code)
      throw err
    }
    if (answer.status >= 500 && answer.status !== 503) {
      throw new DeliveryError(`the SMS gateway answered HTTP ${answer.status}: ${snippet(answer.text)}; it may have sent it, so not retried`, false, `HTTP ${answer.status}`)
    }
    const body = jsonOf(answer, 'the SMS gateway')
    const { field, equals } = this.receiver.success
    const got = valueAt(body, field)
    if (String(got) !== equals) {
      // A gateway that refused may still have sent (no idempotency): never retried.
      throw new DeliveryError(`the SMS gateway answered ${field} = ${JSON.stringify(got ?? null)}, not ${JSON.stringify(equals)}: ${snippet(JSON.stringify(body))}`, false, `${field} ${String(got ?? null)}`)
    }
  }

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const requests = this.requests(n)
      if (requests.length === 0 || requests[0].phones.length === 0) throw new DeliveryError('no recipient has a mobile number (roster contacts: mobile)', false)
      const d = deadline(signal, this.receiver.timeout_ms)
      const sent: string[] = []
      for (const request of requests) {
        try {
          await this.one(request, d)
          sent.push(...request.phones)
        } catch (err) {
          if (!(err instanceof DeliveryError) || sent.length === 0) throw err
          const failed = requests.slice(requests.indexOf(request)).flatMap((r) => r.phones)
          throw new DeliveryError(`sent to ${sent.length} of ${sent.length + failed.length} numbers, then: ${err.message}; not retried, so that nobody gets it twice`, false, err.code)
        }
      }
      return { ok: true, detail: `sent to ${sent.length} number${sent.length === 1 ? '' : 's'}` }
    })
  }
}
