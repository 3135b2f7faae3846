// A DingTalk (钉钉) custom robot with 加签, as DingTalk documents it: POST
// /robot/send?access_token=…&timestamp=…&sign=…, where timestamp is in
// milliseconds and within an hour of DingTalk's clock, and sign is
// urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" +
// secret))). The server recomputes the signature from the secret it was
// given; a wrong one, a stale timestamp or a sign left unencoded (a "+"
// that decodes to a space) gets DingTalk's answer, errcode 310000 "sign not
// match". It also records which @-mentions would really alert someone: a
// mobile in at.atMobiles that also appears as "@mobile" in the text.
import { createHmac } from 'node:crypto'
import { isObject, isStringArray, TestHttpServer, utf8Length, type Answer, type Recorded } from './test-http-server.ts'

const HOUR = 3_600_000

export class DingtalkServer extends TestHttpServer {
  /** Per request received, the mobiles DingTalk would actually @-alert. */
  readonly effectiveMentions: string[][] = []

  constructor(
    private readonly accessToken: string,
    private readonly secret: string,
    now?: () => number,
  ) {
    super(now)
  }

  protected answer(r: Recorded): Answer {
    const fail = (errcode: number, errmsg: string): Answer => ({ status: 200, body: { errcode, errmsg } })
    if (r.method !== 'POST' || r.path !== '/robot/send') return { status: 404, body: 'not found' }
    if (r.query.get('access_token') !== this.accessToken) return fail(300001, 'token is not exist')
    const timestamp = Number(r.query.get('timestamp'))
    const expected = createHmac('sha256', this.secret).update(`${r.query.get('timestamp')}\n${this.secret}`).digest('base64')
    if (!Number.isInteger(timestamp) || Math.abs(this.now() - timestamp) > HOUR || r.query.get('sign') !== expected) return fail(310000, 'sign not match')
    const body = r.json
    if (!isObject(body) || body.msgtype !== 'markdown') return fail(40035, 'msgtype missing or not supported')
    const md = body.markdown
    if (!isObject(md) || typeof md.title !== 'string' || typeof md.text !== 'string' || md.text === '') return fail(40035, 'markdown title and text are required')
    if (utf8Length(md.text) > 20_000) return fail(460101, 'message too long')
    const at = body.at
    if (at !== undefined && (!isObject(at) || ('atMobiles' in at && !isStringArray(at.atMobiles)))) return fail(40035, 'at.atMobiles must be a list of mobiles')
    const mobiles = isObject(at) && isStringArray(at.atMobiles) ? at.atMobiles : []
    this.effectiveMentions.push(mobiles.filter((m) => (md.text as string).includes(`@${m}`)))
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } }
  }
}
