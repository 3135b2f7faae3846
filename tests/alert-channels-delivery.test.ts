// The person-addressed channels and the generic webhook against real test
// servers: SMS through a gateway described by configuration (an
// Aliyun-shaped one here), email through an SMTP server that wants a
// password, Alertmanager's webhook v4 body, and Web Push through a push
// service that verifies VAPID and decrypts the payload. Each: what arrives,
// the idempotency key passed on, vendor failures, timeouts, and secrets
// kept out of every result.
import webpush from 'web-push'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Receiver } from '../schemas/alerting-config.ts'
import { loadTerritory } from '../schemas/territory.ts'
import type { ChannelDeps, WebPushDeps } from '../server/alerting/notify/channels/channel-deps.ts'
import { createNotifier } from '../server/alerting/notify/channels/create-notifier.ts'
import { keyToken } from '../server/alerting/notify/channels/once.ts'
import type { DeliveryResult, Notification, Recipient } from '../server/alerting/notify/notifier.ts'
import { alert, FIRED_AT, lead, LINK, notification, officer } from './support/robots/alert-fixtures.ts'
import { PushService } from './support/robots/push-service.ts'
import { SmsGatewayServer } from './support/robots/sms-gateway-server.ts'
import { SmtpTestServer } from './support/robots/smtp-test-server.ts'
import { WebhookServer } from './support/robots/webhook-server.ts'

const territory = loadTerritory()
const clock = Date.parse(FIRED_AT) + 5 * 60_000
const deps = (over: Partial<ChannelDeps> = {}): ChannelDeps => ({ territory, timeZone: 'Asia/Shanghai', now: () => new Date(clock), env: {}, ...over })
const send = (receiver: Receiver, n: Notification, d: ChannelDeps = deps()) => createNotifier(receiver, d).send(n, new AbortController().signal)
const failed = (r: DeliveryResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`)
  return r
}

const SMS_KEY = 'sms-api-key-7c6b5a4f3e2d'
const SMTP_PASSWORD = 'smtp-password-5e4d3c2b'
const sms = new SmsGatewayServer(SMS_KEY)
const smtp = new SmtpTestServer('alerts@cc.example.cn', SMTP_PASSWORD)
const hook = new WebhookServer()
const vapid = webpush.generateVAPIDKeys()
const push = new PushService(() => vapid.publicKey)

beforeAll(async () => {
  await Promise.all([sms.start(), smtp.start(), hook.start(), push.start()])
})
afterAll(async () => {
  await Promise.all([sms.close(), smtp.close(), hook.close(), push.close()])
})
beforeEach(() => {
  for (const s of [sms, hook, push]) s.reset()
  smtp.messages.length = 0
})

describe('sms', () => {
  const aliyun = (over: Partial<Extract<Receiver, { type: 'sms' }>> = {}): Extract<Receiver, { type: 'sms' }> => ({
    id: 'duty-sms',
    type: 'sms',
    url: `${sms.url}/sms`,
    headers: { 'x-api-key': '${SMS_KEY}' },
    template_id: 'SMS_153055065',
    body: { PhoneNumbers: '{{phone}}', SignName: '清河供电', TemplateCode: '{{template_id}}', TemplateParam: '{{params_json}}', OutId: '{{key}}' },
    success: { field: 'Code', equals: 'OK' },
    to: ['officers_on_duty'],
    ...over,
  })
  const smsDeps = () => deps({ env: { SMS_KEY } })
  const fields = () => sms.requests.map((r) => SmsGatewayServer.fields(r))

  it('texts each person once through the template, with the parameters and a per-request key (Aliyun OutId)', async () => {
    const n = notification(aliyun(), { recipients: [lead, officer] })
    expect(await send(aliyun(), n, smsDeps())).toEqual({ ok: true, detail: 'sent to 2 numbers' })
    const [a, b] = fields()
    expect(a).toMatchObject({ PhoneNumbers: '13800001111', SignName: '清河供电', TemplateCode: 'SMS_153055065' })
    expect(b.PhoneNumbers).toBe('13800003333')
    expect(JSON.parse(a.TemplateParam)).toEqual({
      severity: '告警',
      title: '呼损率过高',
      region: '北山区',
      value: '呼损率 8.3%（阈值 5%）',
      since: '03-02 09:15',
      count: '1',
      status: '触发',
      link: LINK,
    })
    expect(a.OutId).toMatch(/^[0-9a-f]{32}$/)
    expect(a.OutId).not.toBe(b.OutId)
    expect(a.OutId).toBe(keyToken(`${n.key}\n13800001111`))
  })

  it('{{phones}} sends one request for everyone; a form body and a GET query work as configured', async () => {
    const all = aliyun({ body: { ...aliyun().body, PhoneNumbers: '{{phones}}' } })
    expect(await send(all, notification(all, { recipients: [lead, officer] }), smsDeps())).toEqual({ ok: true, detail: 'sent to 2 numbers' })
    expect(fields().map((f) => f.PhoneNumbers)).toEqual(['13800001111,13800003333'])
    const form = aliyun({ headers: { 'x-api-key': SMS_KEY, 'content-type': 'application/x-www-form-urlencoded' } })
    expect(await send(form, notification(form, { key: 'k2', recipients: [lead] }), smsDeps())).toEqual({ ok: true, detail: 'sent to 1 number' })
    expect(String(sms.last.headers['content-type'])).toBe('application/x-www-form-urlencoded')
    const get = aliyun({ method: 'GET' })
    expect(await send(get, notification(get, { key: 'k3', recipients: [lead] }), smsDeps())).toEqual({ ok: true, detail: 'sent to 1 number' })
    expect(sms.last.method).toBe('GET')
    expect(JSON.parse(fields().at(-1)!.TemplateParam).title).toBe('呼损率过高')
  })

  it('a refusal inside HTTP 200 is a failure, never retried (the gateway keeps no key); its code is recorded', async () => {
    sms.failNext(1, { vendorError: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' } })
    const r = failed(await send(aliyun(), notification(aliyun(), { recipients: [lead] }), smsDeps()))
    expect(r).toMatchObject({ retryable: false, code: 'Code isv.BUSINESS_LIMIT_CONTROL' })
    expect(r.error).toContain('触发分钟级流控')
  })

  it('once someone has it, a later failure is not retried, so that nobody gets it twice', async () => {
    // The first number goes through, the second is refused.
    const n = notification(aliyun(), { recipients: [lead, { ...officer, mobile: '2000' }] })
    const r = failed(await send(aliyun(), n, smsDeps()))
    expect(r.retryable).toBe(false)
    expect(r.error).toMatch(/^sent to 1 of 2 numbers, then: the SMS gateway answered Code = "isv.MOBILE_NUMBER_ILLEGAL"/)
  })

  it('503 and a refused connection are worth another try; a 500 or no answer in time may have sent, so not', async () => {
    const n = notification(aliyun(), { recipients: [lead] })
    sms.failNext(1, { status: 503 })
    expect(failed(await send(aliyun(), n, smsDeps()))).toMatchObject({ retryable: true, code: 'HTTP 503' })
    sms.failNext(1, { status: 500 })
    expect(failed(await send(aliyun(), n, smsDeps()))).toMatchObject({ retryable: false, code: 'HTTP 500' })
    sms.failNext(1, { delayMs: 2000 })
    const slow = aliyun({ timeout_ms: 200 })
    expect(failed(await send(slow, notification(slow, { recipients: [lead] }), smsDeps()))).toMatchObject({ retryable: false, code: 'timeout' })
  })

  it('a wrong credential fails without showing it, and a missing one stops the build naming the variable', async () => {
    const wrong = aliyun({ headers: { 'x-api-key': 'wrong-key-123456' } })
    const r = failed(await send(wrong, notification(wrong, { recipients: [lead] }), smsDeps()))
    expect(r).toMatchObject({ retryable: false, code: 'HTTP 401' })
    expect(JSON.stringify(r)).not.toContain('wrong-key-123456')
    expect(() => createNotifier(aliyun(), deps({ env: {} }))).toThrow('receiver "duty-sms": environment variable SMS_KEY is not set')
  })

  it('refuses what it cannot send: nobody with a mobile, an unknown placeholder', async () => {
    expect(failed(await send(aliyun(), notification(aliyun(), { recipients: [{ username: 'x', display_name: 'X' }] }), smsDeps())).error).toBe(
      'no recipient has a mobile number (roster contacts: mobile)',
    )
    const typo = aliyun({ body: { PhoneNumbers: '{{phone}}', TemplateParam: '{{parms_json}}' } })
    expect(failed(await send(typo, notification(typo, { recipients: [lead] }), smsDeps())).error).toBe('receiver "duty-sms": unknown placeholder {{parms_json}} in the SMS body')
    expect(sms.requests).toHaveLength(0)
  })
})

describe('email', () => {
  const mail = (over: Partial<Extract<Receiver, { type: 'email' }>> = {}): Receiver => ({
    id: 'duty-mail',
    type: 'email',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'alerts@cc.example.cn', password: '${SMTP_PASSWORD}' },
    from: '指挥中心告警 <alerts@cc.example.cn>',
    to: ['lead_on_duty'],
    ...over,
  })
  const mailDeps = () => deps({ env: { SMTP_PASSWORD } })

  it('mails the recipients the headline as subject, text and HTML parts, and a Message-ID made from the key', async () => {
    const n = notification(mail(), { recipients: [lead, officer] })
    expect(await send(mail(), n, mailDeps())).toEqual({ ok: true })
    expect(smtp.messages).toHaveLength(1)
    const [m] = smtp.messages
    expect(m.to).toEqual(['zhangsan@example.cn', 'lisi@example.cn'])
    expect(m.mail.subject).toBe('🔴 告警：呼损率过高')
    expect(m.mail.messageId).toBe(`<${keyToken(n.key)}.alert@cc.example.cn>`)
    expect(m.mail.text?.trim()).toBe(['地区：北山区', '数值：呼损率 8.3%（阈值 5%）', '开始：03-02 09:15', `查看详情：${LINK}`].join('\n'))
    expect(m.mail.html).toContain(`<a href="${LINK}">查看详情</a>`)
  })

  it('a wrong password is refused (535), not retried, and never shown', async () => {
    const r = failed(await send(mail(), notification(mail(), { recipients: [lead] }), deps({ env: { SMTP_PASSWORD: 'not-the-password-1' } })))
    expect(r).toMatchObject({ retryable: false, code: 'SMTP 535' })
    expect(JSON.stringify(r)).not.toContain('not-the-password-1')
  })

  it('4xx is worth another try, 5xx is not', async () => {
    const n = notification(mail(), { recipients: [lead] })
    smtp.failNext(1, { code: 451, message: 'try again later' })
    expect(failed(await send(mail(), n, mailDeps()))).toMatchObject({ retryable: true, code: 'SMTP 451' })
    smtp.failNext(1, { code: 550, message: 'mailbox unavailable' })
    expect(failed(await send(mail(), n, mailDeps()))).toMatchObject({ retryable: false, code: 'SMTP 550' })
  })

  it('gives up at the receiver timeout', async () => {
    smtp.failNext(1, { delayMs: 2000 })
    const slow = mail({ timeout_ms: 300 })
    const started = Date.now()
    expect(failed(await send(slow, notification(slow, { recipients: [lead] }), mailDeps()))).toMatchObject({ retryable: true, code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('refuses when nobody has an address', async () => {
    expect(failed(await send(mail(), notification(mail(), { recipients: [{ username: 'x', display_name: 'X' }] }), mailDeps())).error).toBe(
      'no recipient has an email address (roster contacts: email)',
    )
  })
})

describe('webhook', () => {
  const wh = (over: Partial<Extract<Receiver, { type: 'webhook' }>> = {}): Receiver => ({ id: 'ops.bridge', type: 'webhook', url: `${hook.url}/alerts`, headers: { authorization: 'Bearer ${HOOK_TOKEN}' }, ...over })
  const hookDeps = () => deps({ env: { HOOK_TOKEN: 'hook-token-abcdef' }, externalUrl: 'https://cc.example.cn', alertUrl: (a) => `https://cc.example.cn/desk/alerts/${a.id}` })

  it('posts Alertmanager’s webhook v4 JSON with the receiver’s headers and an Idempotency-Key', async () => {
    const resolved = alert({ id: 'a-2', fingerprint: 'c0ffee0000000002', labels: { ...alert().labels, region: 'D02' }, state: 'resolved', resolved_at: '2026-03-02T01:40:00.000Z' })
    const n = notification(wh(), { firing: [alert()], resolved: [resolved], group_labels: { rule: 'abandon-high' } })
    expect(await send(wh(), n, hookDeps())).toEqual({ ok: true })
    expect(hook.last.headers.authorization).toBe('Bearer hook-token-abcdef')
    expect(hook.last.headers['idempotency-key']).toBe(keyToken(n.key))
    const labels = (region: string) => ({ alertname: '呼损率过高', rule: 'abandon-high', kind: 'kpi', severity: 'critical', region, kpi: 'abandonment_rate' })
    expect(hook.last.json).toEqual({
      version: '4',
      groupKey: '{}:{rule="abandon-high"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'ops\\.bridge',
      groupLabels: { rule: 'abandon-high' },
      commonLabels: { alertname: '呼损率过高', rule: 'abandon-high', kind: 'kpi', severity: 'critical', kpi: 'abandonment_rate' },
      commonAnnotations: { summary: '北山区 呼损率 8.3%，超过 5%' },
      externalURL: 'https://cc.example.cn',
      alerts: [
        {
          status: 'firing',
          labels: labels('D01'),
          annotations: { summary: '北山区 呼损率 8.3%，超过 5%' },
          startsAt: FIRED_AT,
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'https://cc.example.cn/desk/alerts/a-1',
          fingerprint: '8a07086b74f3ba78',
        },
        {
          status: 'resolved',
          labels: labels('D02'),
          annotations: { summary: '北山区 呼损率 8.3%，超过 5%' },
          startsAt: FIRED_AT,
          endsAt: '2026-03-02T01:40:00.000Z',
          generatorURL: 'https://cc.example.cn/desk/alerts/a-2',
          fingerprint: 'c0ffee0000000002',
        },
      ],
    })
  })

  it('2xx is delivered; 5xx and 429 are worth another try, another 4xx is not; the header’s secret is never shown', async () => {
    const n = notification(wh())
    hook.failNext(1, { status: 500, body: 'echo: Bearer hook-token-abcdef' })
    const r = failed(await send(wh(), n, hookDeps()))
    expect(r).toMatchObject({ retryable: true, code: 'HTTP 500' })
    expect(r.error).toBe('webhook answered HTTP 500: echo: ***')
    hook.failNext(1, { status: 429 })
    expect(failed(await send(wh(), n, hookDeps())).retryable).toBe(true)
    hook.failNext(1, { status: 404 })
    expect(failed(await send(wh(), n, hookDeps()))).toMatchObject({ retryable: false, code: 'HTTP 404' })
  })
})

describe('web_push', () => {
  const wp: Receiver = { id: 'lead-push', type: 'web_push', to: ['lead_on_duty'] }
  let gone: string[] = []
  const pushDeps = (keys = vapid): ChannelDeps => {
    const webPush: WebPushDeps = {
      keys: () => Promise.resolve(keys),
      subject: 'mailto:ops@cc.example.cn',
      gone: (endpoint) => {
        gone.push(endpoint)
        return Promise.resolve()
      },
    }
    return deps({ webPush })
  }
  const withPush = (r: Recipient, ...subs: ReturnType<PushService['subscribe']>[]): Recipient => ({ ...r, push: subs })
  beforeEach(() => {
    gone = []
  })

  it('pushes an encrypted, VAPID-signed payload the browser can show and open, urgent for critical, with the key as Topic', async () => {
    const browser = push.subscribe()
    const n = notification(wp, { recipients: [withPush(lead, browser)] })
    expect(await send(wp, n, pushDeps())).toEqual({ ok: true })
    expect(push.delivered).toHaveLength(1)
    const [d] = push.delivered
    expect(JSON.parse(d.payload)).toEqual({
      title: '🔴 告警：呼损率过高',
      body: ['地区：北山区', '数值：呼损率 8.3%（阈值 5%）', '开始：03-02 09:15', `查看详情：${LINK}`].join('\n'),
      url: LINK,
      tag: keyToken(n.key),
      severity: 'critical',
      status: 'firing',
    })
    expect(d).toMatchObject({ ttl: '3600', urgency: 'high', topic: keyToken(n.key) })
  })

  it('a subscription the push service calls gone (410) is deleted; the others still get it', async () => {
    const kept = push.subscribe()
    const left = push.subscribe()
    push.unsubscribe(left.endpoint)
    const r = await send(wp, notification(wp, { recipients: [withPush(lead, kept, left)] }), pushDeps())
    expect(r.ok).toBe(true)
    expect(gone).toEqual([left.endpoint])
    const only = failed(await send(wp, notification(wp, { key: 'k2', recipients: [withPush(lead, left)] }), pushDeps()))
    expect(only).toMatchObject({ retryable: false, code: 'HTTP 410' })
  })

  it('keys the push service does not know are refused (403), not retried; the private key is never shown', async () => {
    const other = webpush.generateVAPIDKeys()
    const r = failed(await send(wp, notification(wp, { recipients: [withPush(lead, push.subscribe())] }), pushDeps(other)))
    expect(r).toMatchObject({ retryable: false, code: 'HTTP 403' })
    expect(JSON.stringify(r)).not.toContain(other.privateKey)
    expect(push.refusals).toEqual(['VAPID key is not the application server key'])
  })

  it('refuses when nobody subscribed, or when the process has no keys', async () => {
    expect(failed(await send(wp, notification(wp, { recipients: [lead] }), pushDeps())).error).toBe('no recipient has subscribed to Web Push (the lead page)')
    expect(failed(await send(wp, notification(wp, { recipients: [withPush(lead, push.subscribe())] }))).error).toBe('Web Push is not set up in this process (no VAPID keys)')
  })
})
