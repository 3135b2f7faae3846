// A Feishu (飞书) custom bot with signature verification, as Feishu documents
// it: POST /open-apis/bot/v2/hook/<id> with a JSON body carrying
// `timestamp` (seconds, as a string, within an hour) and `sign` =
// base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). The
// server recomputes it; a wrong one gets Feishu's code 19021. The body is at
// most 20 KB; a post needs a title and paragraphs of elements.
import { createHmac } from 'node:crypto'
import { isObject, TestHttpServer, utf8Length, type Answer, type Recorded } from './test-http-server.ts'

const HOUR_S = 3600
const ELEMENT_TAGS = ['text', 'a', 'at', 'img']

export class FeishuServer extends TestHttpServer {
  constructor(
    private readonly hookId: string,
    private readonly secret: string,
    now?: () => number,
  ) {
    super(now)
  }

  protected answer(r: Recorded): Answer {
    const fail = (code: number, msg: string): Answer => ({ status: 200, body: { code, msg, data: {} } })
    if (r.method !== 'POST' || r.path !== `/open-apis/bot/v2/hook/${this.hookId}`) return { status: 404, body: fail(19001, 'param invalid: incoming webhook access token invalid').body }
    if (utf8Length(r.body) > 20 * 1024) return fail(9499, 'Bad Request: body larger than 20 KB')
    const body = r.json
    if (!isObject(body)) return fail(9499, 'Bad Request')
    const ts = typeof body.timestamp === 'string' ? Number(body.timestamp) : NaN
    const expected = createHmac('sha256', `${String(body.timestamp)}\n${this.secret}`).update('').digest('base64')
    if (!Number.isInteger(ts) || Math.abs(this.now() / 1000 - ts) > HOUR_S || body.sign !== expected) {
      return fail(19021, 'sign match fail or timestamp is not within one hour from current time')
    }
    if (body.msg_type === 'text') {
      return isObject(body.content) && typeof body.content.text === 'string' ? this.success() : fail(9499, 'Bad Request')
    }
    if (body.msg_type !== 'post' || !isObject(body.content) || !isObject(body.content.post)) return fail(9499, 'Bad Request')
    const langs = Object.entries(body.content.post)
    if (langs.length === 0) return fail(9499, 'Bad Request: post without a language')
    for (const [lang, post] of langs) {
      if (!['zh_cn', 'en_us', 'ja_jp'].includes(lang) || !isObject(post) || typeof post.title !== 'string' || !Array.isArray(post.content)) return fail(9499, 'Bad Request')
      const paragraphsOk = post.content.every((p) => Array.isArray(p) && p.every((e) => isObject(e) && typeof e.tag === 'string' && ELEMENT_TAGS.includes(e.tag)))
      if (!paragraphsOk) return fail(9499, 'Bad Request: unknown element')
    }
    return this.success()
  }

  private success(): Answer {
    return { status: 200, body: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' } }
  }
}
