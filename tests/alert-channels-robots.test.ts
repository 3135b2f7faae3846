// The group robots and WeCom's application messages against test servers
// that check what each vendor documents (tests/support/robots/): the exact
// body, DingTalk's 加签 and Feishu's own signature recomputed from the
// secret, WeCom's access token and its expiry; and what the pipeline is
// told when a vendor refuses inside an HTTP 200, throttles, fails or does
// not answer in time. Real sockets; the clocks are fixed, so the messages
// (in Asia/Shanghai) read the same at any hour.
import { createHmac } from 'node:crypto'
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Receiver } from '../schemas/alerting-config.ts'
import { loadTerritory } from '../schemas/territory.ts'
import type { ChannelDeps } from '../server/alerting/notify/channels/channel-deps.ts'
import { createNotifier, describeReceiver } from '../server/alerting/notify/channels/create-notifier.ts'
import { dingtalkSign } from '../server/alerting/notify/channels/dingtalk-robot.ts'
import { feishuSign } from '../server/alerting/notify/channels/feishu-bot.ts'
import { DeliveredKeys } from '../server/alerting/notify/channels/once.ts'
import { WecomTokens } from '../server/alerting/notify/channels/wecom-tokens.ts'
import type { DeliveryResult, Notification } from '../server/alerting/notify/notifier.ts'
import { alert, FIRED_AT, lead, LINK, notification, officer, regionAlerts } from './support/robots/alert-fixtures.ts'
import { DingtalkServer } from './support/robots/dingtalk-server.ts'
import { FeishuServer } from './support/robots/feishu-server.ts'
import { WecomServer } from './support/robots/wecom-server.ts'

const territory = loadTerritory()
/** Five minutes after the fixture alert fired. */
let clock = Date.parse(FIRED_AT) + 5 * 60_000
const now = () => clock
const deps = (over: Partial<ChannelDeps> = {}): ChannelDeps => ({ territory, timeZone: 'Asia/Shanghai', now: () => new Date(clock), env: {}, ...over })
const send = (receiver: Receiver, n: Notification, d: ChannelDeps = deps()) => createNotifier(receiver, d).send(n, new AbortController().signal)
const failed = (r: DeliveryResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`)
  return r
}

/** A port nothing listens on: one just given up by a server. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

type Of<T extends Receiver['type']> = Extract<Receiver, { type: T }>

const ROBOT_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'
const DING_TOKEN = 'f8a1c0ffee2b5d6e7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f'
const DING_SECRET = 'SEC2f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f'
const FEISHU_HOOK = '2f1e0d9c-8b7a-6f5e-4d3c-2b1a0f9e8d7c'
const FEISHU_SECRET = 'demo-feishu-secret-Zq8Ww'
const CORP_SECRET = 'corp-app-secret-9f8e7d6c5b4a'

const wecom = new WecomServer({ robotKey: ROBOT_KEY, corpId: 'ww1234567890', secret: CORP_SECRET, agentId: 1000002, users: ['zhangsan', 'lisi'], now })
const ding = new DingtalkServer(DING_TOKEN, DING_SECRET, now)
const feishu = new FeishuServer(FEISHU_HOOK, FEISHU_SECRET, now)

beforeAll(async () => {
  await Promise.all([wecom.start(), ding.start(), feishu.start()])
})
afterAll(async () => {
  await Promise.all([wecom.close(), ding.close(), feishu.close()])
})
beforeEach(() => {
  clock = Date.parse(FIRED_AT) + 5 * 60_000
  for (const s of [wecom, ding, feishu]) s.reset()
  ding.effectiveMentions.length = 0
})

describe('wecom_robot', () => {
  const robot = (): Of<'wecom_robot'> => ({ id: 'duty-wecom', type: 'wecom_robot', url: `${wecom.url}/cgi-bin/webhook/send?key=${ROBOT_KEY}` })

  it('posts one markdown message in Chinese: severity, what, where, value against threshold, since when, the link', async () => {
    expect(await send(robot(), notification(robot()))).toEqual({ ok: true })
    expect(wecom.robotRequests).toHaveLength(1)
    expect(wecom.last.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(wecom.last.json).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '### 🔴 <font color="warning">告警</font>：呼损率过高',
          '**地区**：北山区',
          '**数值**：呼损率 8.3%（阈值 5%）',
          '**开始**：03-02 09:15',
          `[查看详情](${LINK})`,
        ].join('\n'),
      },
    })
  })

  it('speaks English to a receiver that asks for it', async () => {
    const r: Receiver = { ...robot(), lang: 'en' }
    expect(await send(r, notification(r))).toEqual({ ok: true })
    expect((wecom.last.json as { markdown: { content: string } }).markdown.content).toBe(
      ['### 🔴 <font color="warning">Critical</font>: 呼损率过高', '**Where**: Beishan District', '**Value**: Abandonment rate 8.3% (threshold 5%)', '**Since**: 03-02 09:15', `[Open](${LINK})`].join('\n'),
    )
  })

  it('with mention, sends text that @-alerts the people on duty by WeCom id and mobile', async () => {
    const r: Receiver = { ...robot(), mention: ['lead_on_duty'] }
    expect(await send(r, notification(r, { recipients: [lead] }))).toEqual({ ok: true })
    const body = wecom.last.json as { msgtype: string; text: { content: string; mentioned_list: string[]; mentioned_mobile_list: string[] } }
    expect(body.msgtype).toBe('text')
    expect(body.text.mentioned_list).toEqual(['zhangsan'])
    expect(body.text.mentioned_mobile_list).toEqual(['13800001111'])
    expect(body.text.content.split('\n')[0]).toBe('🔴 告警：呼损率过高')
  })

  it('keeps a storm of 200 alerts within 4096 bytes: the first five listed, the rest counted', async () => {
    const many = regionAlerts(200)
    expect(await send(robot(), notification(robot(), { firing: many }))).toEqual({ ok: true })
    const content = (wecom.last.json as { markdown: { content: string } }).markdown.content
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096)
    expect(content.split('\n')[0]).toBe('### 🔴 <font color="warning">告警</font>：呼损率过高（共 200 条）')
    expect(content).toContain('还有 195 条')
  })

  it('a refusal inside HTTP 200 is a failure; throttling is worth another try, a bad key is not, and neither shows the key', async () => {
    wecom.failNext(1, { vendorError: { errcode: 45009, errmsg: 'api freq out of limit' } })
    expect(failed(await send(robot(), notification(robot())))).toEqual({ ok: false, retryable: true, error: 'WeCom errcode 45009: api freq out of limit', code: 'errcode 45009' })
    const wrong: Receiver = { ...robot(), url: `${wecom.url}/cgi-bin/webhook/send?key=not-the-key-0000` }
    const refused = failed(await send(wrong, notification(wrong)))
    expect(refused).toMatchObject({ retryable: false, code: 'errcode 93000' })
    expect(JSON.stringify(refused)).not.toContain('not-the-key-0000')
  })

  it('an HTTP 5xx is worth another try, a 4xx is not', async () => {
    wecom.failNext(1, { status: 502 })
    expect(failed(await send(robot(), notification(robot())))).toMatchObject({ retryable: true, code: 'HTTP 502' })
    wecom.failNext(1, { status: 400 })
    expect(failed(await send(robot(), notification(robot())))).toMatchObject({ retryable: false, code: 'HTTP 400' })
  })

  it('gives up at the receiver timeout and says so, retryable', async () => {
    const r: Receiver = { ...robot(), timeout_ms: 300 }
    wecom.failNext(1, { delayMs: 2000 })
    const started = Date.now()
    expect(failed(await send(r, notification(r)))).toEqual({ ok: false, retryable: true, error: 'timed out after 300 ms', code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('a refused connection is worth another try', async () => {
    const r: Receiver = { ...robot(), url: `http://127.0.0.1:${await closedPort()}/cgi-bin/webhook/send?key=x` }
    expect(failed(await send(r, notification(r)))).toMatchObject({ retryable: true, code: 'ECONNREFUSED' })
  })
})

describe('wecom_app', () => {
  const app = (): Of<'wecom_app'> => ({ id: 'duty-app', type: 'wecom_app', corp_id: 'ww1234567890', agent_id: 1000002, secret: '${WECOM_SECRET}', to: ['officers_on_duty'], api_base: wecom.url })
  const appDeps = (tokens = new WecomTokens(() => new Date(clock))) => deps({ env: { WECOM_SECRET: CORP_SECRET }, wecomTokens: tokens })

  it('sends markdown to the recipients by WeCom user id, with WeCom’s duplicate check on; one token for many sends', async () => {
    const d = appDeps()
    const n = notification(app(), { recipients: [lead, officer] })
    expect(await send(app(), n, d)).toEqual({ ok: true })
    expect(await send(app(), { ...n, key: 'group-1:firing:2' }, d)).toEqual({ ok: true })
    expect(wecom.tokenRequests).toBe(1)
    expect(wecom.sendRequests).toHaveLength(2)
    const body = wecom.sendRequests[0].json as Record<string, unknown>
    expect(body).toMatchObject({ touser: 'zhangsan|lisi', msgtype: 'markdown', agentid: 1000002, enable_duplicate_check: 1, duplicate_check_interval: 600 })
    expect((body.markdown as { content: string }).content.split('\n')[0]).toBe('### 🔴 <font color="warning">告警</font>：呼损率过高')
  })

  it('renews the token before it expires, not after', async () => {
    const d = appDeps()
    const n = notification(app(), { recipients: [lead] })
    expect(await send(app(), n, d)).toEqual({ ok: true })
    clock += 7200_000 - 6 * 60_000 // 6 minutes before WeCom's 7200 s end: still the cached token
    expect(await send(app(), { ...n, key: 'k2' }, d)).toEqual({ ok: true })
    expect(wecom.tokenRequests).toBe(1)
    clock += 2 * 60_000 // 4 minutes before the end: inside the renewal margin
    expect(await send(app(), { ...n, key: 'k3' }, d)).toEqual({ ok: true })
    expect(wecom.tokenRequests).toBe(2)
    const [first, second, third] = wecom.sendRequests.map((r) => r.query.get('access_token'))
    expect(second).toBe(first)
    expect(third).not.toBe(first)
  })

  it('a token WeCom ends early (42001) is renewed at once and the message delivered once', async () => {
    const d = appDeps()
    const n = notification(app(), { recipients: [lead] })
    expect(await send(app(), n, d)).toEqual({ ok: true })
    wecom.expireTokens()
    expect(await send(app(), { ...n, key: 'k2' }, d)).toEqual({ ok: true })
    expect(wecom.tokenRequests).toBe(2)
    // The try WeCom refused with the old token, and the one that delivered with the new.
    const [first, refused, renewed] = wecom.sendRequests.map((r) => r.query.get('access_token'))
    expect(refused).toBe(first)
    expect(renewed).not.toBe(first)
    expect(wecom.sendRequests).toHaveLength(3)
  })

  it('a wrong secret is a failure that is not retried and never shows the secret', async () => {
    const d = deps({ env: { WECOM_SECRET: 'wrong-secret-123456' }, wecomTokens: new WecomTokens() })
    const r = failed(await send(app(), notification(app(), { recipients: [lead] }), d))
    expect(r).toMatchObject({ retryable: false, code: 'errcode 40001' })
    expect(JSON.stringify(r)).not.toContain('wrong-secret-123456')
  })

  it('names the user ids WeCom did not know, and refuses when it knew none', async () => {
    const stranger = { ...officer, username: 'wangwu', wecom_userid: 'wangwu' }
    expect(await send(app(), notification(app(), { recipients: [lead, stranger] }), appDeps())).toEqual({ ok: true, detail: 'WeCom did not know these user ids: wangwu' })
    expect(failed(await send(app(), notification(app(), { key: 'k2', recipients: [stranger] }), appDeps()))).toMatchObject({ retryable: false, code: 'errcode 81013' })
    expect(failed(await send(app(), notification(app(), { key: 'k3', recipients: [{ username: 'x', display_name: 'X' }] }), appDeps()))).toEqual({
      ok: false,
      retryable: false,
      error: 'no recipient has a WeCom user id (roster contacts: wecom_userid)',
    })
  })
})

describe('dingtalk_robot', () => {
  const robot = (over: Partial<Extract<Receiver, { type: 'dingtalk_robot' }>> = {}): Receiver => ({
    id: 'duty-ding',
    type: 'dingtalk_robot',
    url: `${ding.url}/robot/send?access_token=${DING_TOKEN}`,
    secret: DING_SECRET,
    mention: ['lead_on_duty'],
    ...over,
  })

  it('signs as DOMAIN.md §3 says (timestamp in ms, URL-encoded base64 HMAC) and @-mentions the lead by mobile in at and in the text', async () => {
    const n = notification(robot(), { recipients: [lead] })
    expect(await send(robot(), n)).toEqual({ ok: true })
    const r = ding.last
    expect(r.query.get('timestamp')).toBe(String(clock))
    // The independent formula: urlencode(base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret))).
    const expected = createHmac('sha256', DING_SECRET).update(`${clock}\n${DING_SECRET}`).digest('base64')
    expect(r.rawQuery).toContain(`sign=${encodeURIComponent(expected)}`)
    expect(dingtalkSign(DING_SECRET, clock)).toBe(expected)
    expect(r.json).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '🔴 告警：呼损率过高',
        text: ['### 🔴 告警：呼损率过高', '**地区**：北山区', '**数值**：呼损率 8.3%（阈值 5%）', '**开始**：03-02 09:15', `[查看详情](${LINK})`, '@13900002222'].join('\n\n'),
      },
      at: { atMobiles: ['13900002222'], isAtAll: false },
    })
    expect(ding.effectiveMentions).toEqual([['13900002222']])
  })

  it('a wrong secret fails the test server’s signature check: errcode 310000, not retried, no secret or token in the error', async () => {
    const r = failed(await send(robot({ secret: 'SECwrongwrongwrong' }), notification(robot())))
    expect(r).toEqual({ ok: false, retryable: false, error: 'DingTalk errcode 310000: sign not match', code: 'errcode 310000' })
    expect(ding.requests).toHaveLength(1)
  })

  it('a sign left without URL encoding fails: its "+" arrives as a space', async () => {
    let ts = clock
    while (!dingtalkSign(DING_SECRET, ts).includes('+')) ts += 1
    const raw = `${ding.url}/robot/send?access_token=${DING_TOKEN}&timestamp=${ts}&sign=${dingtalkSign(DING_SECRET, ts)}`
    const res = await fetch(raw, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: 't', text: 't' } }) })
    expect(await res.json()).toEqual({ errcode: 310000, errmsg: 'sign not match' })
  })

  it('a clock more than an hour off fails the signature check too', async () => {
    const skewed = deps({ now: () => new Date(clock - 2 * 3_600_000) })
    expect(failed(await send(robot(), notification(robot()), skewed))).toMatchObject({ code: 'errcode 310000' })
  })

  it('throttling (130101) is worth another try; its error names no secret', async () => {
    ding.failNext(1, { vendorError: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } })
    const r = failed(await send(robot(), notification(robot())))
    expect(r).toMatchObject({ retryable: true, code: 'errcode 130101' })
    expect(JSON.stringify(r)).not.toContain(DING_TOKEN)
  })

  it('a timeout shows neither the access token nor the signed URL', async () => {
    ding.failNext(1, { delayMs: 2000 })
    const r = failed(await send(robot({ timeout_ms: 200 }), notification(robot())))
    expect(r.code).toBe('timeout')
    expect(JSON.stringify(r)).not.toContain(DING_TOKEN)
    expect(describeReceiver(robot())).toBe(`dingtalk_robot duty-ding → ${new URL(ding.url).host}`)
  })

  it('sends a key once: the same notification again, or twice at once, makes one request', async () => {
    const d = deps({ delivered: new DeliveredKeys(() => new Date(clock)) })
    const n = notification(robot(), { recipients: [lead] })
    const [a, b] = await Promise.all([send(robot(), n, d), send(robot(), n, d)])
    expect(a).toEqual({ ok: true })
    expect(b).toEqual({ ok: true })
    expect(await send(robot(), n, d)).toEqual({ ok: true, detail: 'already delivered under this key: not sent again' })
    expect(ding.requests).toHaveLength(1)
    // A failed key is sent again: the retry is the pipeline's to make.
    ding.failNext(1, { status: 503 })
    const other = { ...n, key: 'group-1:firing:2' }
    expect(failed(await send(robot(), other, d)).retryable).toBe(true)
    expect(await send(robot(), other, d)).toEqual({ ok: true })
    expect(ding.requests).toHaveLength(3)
  })

  it('lists a group within DingTalk’s 20000 bytes and keeps the @ line whole', async () => {
    const n = notification(robot(), { firing: regionAlerts(300), recipients: [lead] })
    expect(await send(robot(), n)).toEqual({ ok: true })
    const text = (ding.last.json as { markdown: { text: string } }).markdown.text
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20_000)
    expect(text.endsWith('@13900002222')).toBe(true)
    expect(text).toContain('还有 295 条')
  })
})

describe('feishu_bot', () => {
  const bot = (over: Partial<Extract<Receiver, { type: 'feishu_bot' }>> = {}): Receiver => ({
    id: 'duty-feishu',
    type: 'feishu_bot',
    url: `${feishu.url}/open-apis/bot/v2/hook/${FEISHU_HOOK}`,
    secret: FEISHU_SECRET,
    ...over,
  })

  it('signs as Feishu does (timestamp in seconds, key = timestamp + "\\n" + secret, empty message) in the body of a post', async () => {
    const resolved = alert({ state: 'resolved', resolved_at: '2026-03-02T02:00:00.000Z' })
    expect(await send(bot(), notification(bot(), { reason: 'resolved', firing: [], resolved: [resolved] }))).toEqual({ ok: true })
    const seconds = Math.floor(clock / 1000)
    const sign = createHmac('sha256', `${seconds}\n${FEISHU_SECRET}`).update('').digest('base64')
    expect(feishuSign(FEISHU_SECRET, seconds)).toBe(sign)
    expect(feishu.last.json).toEqual({
      timestamp: String(seconds),
      sign,
      msg_type: 'post',
      content: {
        post: {
          zh_cn: {
            title: '✅ 已恢复：呼损率过高',
            content: [
              [{ tag: 'text', text: '地区：北山区' }],
              [{ tag: 'text', text: '数值：呼损率 8.3%（阈值 5%）' }],
              [{ tag: 'text', text: '开始：03-02 09:15' }],
              [{ tag: 'text', text: '恢复：03-02 10:00' }],
              [{ tag: 'a', text: '查看详情', href: LINK }],
            ],
          },
        },
      },
    })
  })

  it('a wrong secret fails the test server’s check (19021), not retried', async () => {
    expect(failed(await send(bot({ secret: 'not-the-secret' }), notification(bot())))).toEqual({
      ok: false,
      retryable: false,
      error: 'Feishu code 19021: sign match fail or timestamp is not within one hour from current time',
      code: 'code 19021',
    })
  })

  it('DingTalk’s formula is not Feishu’s: a body signed the DingTalk way is refused', async () => {
    const seconds = Math.floor(clock / 1000)
    const dingStyle = createHmac('sha256', FEISHU_SECRET).update(`${seconds}\n${FEISHU_SECRET}`).digest('base64')
    const res = await fetch(`${feishu.url}/open-apis/bot/v2/hook/${FEISHU_HOOK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: String(seconds), sign: dingStyle, msg_type: 'text', content: { text: 'x' } }),
    })
    expect(await res.json()).toMatchObject({ code: 19021 })
  })

  it('English receivers get an en_us post; throttling (11232) is worth another try', async () => {
    const r = bot({ lang: 'en' })
    expect(await send(r, notification(r, { firing: regionAlerts(3) }))).toEqual({ ok: true })
    const post = (feishu.last.json as { content: { post: Record<string, { title: string; content: unknown[][] }> } }).content.post
    expect(Object.keys(post)).toEqual(['en_us'])
    expect(post.en_us.title).toBe('🔴 Critical: 呼损率过高 (3 alerts)')
    expect(post.en_us.content[0]).toEqual([{ tag: 'text', text: '🔴 Beishan District Abandonment rate 6% (threshold 5%), since 03-02 09:15' }])
    feishu.failNext(1, { vendorError: { code: 11232, msg: 'frequency limited' } })
    expect(failed(await send(r, notification(r, { key: 'k2' })))).toMatchObject({ retryable: true, code: 'code 11232' })
  })

  it('keeps a storm under Feishu’s 20 KB body', async () => {
    expect(await send(bot(), notification(bot(), { firing: regionAlerts(500) }))).toEqual({ ok: true })
    expect(Buffer.byteLength(feishu.last.body)).toBeLessThanOrEqual(20 * 1024)
  })
})
