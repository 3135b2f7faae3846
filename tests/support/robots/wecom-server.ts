// WeCom (企业微信) as its documentation describes it, for the channel tests:
// the group robot (POST /cgi-bin/webhook/send?key=…: text with
// mentioned_list / mentioned_mobile_list, content ≤ 2048 bytes; markdown,
// content ≤ 4096 bytes, no mention lists) and the application API
// (GET /cgi-bin/gettoken?corpid=&corpsecret= → access_token, expires_in;
// POST /cgi-bin/message/send?access_token=…: touser "a|b", agentid,
// markdown ≤ 2048 bytes). Tokens expire after `expiresIn` seconds of the
// server's clock, or at once when a test calls expireTokens().
import { isObject, isStringArray, TestHttpServer, utf8Length, type Answer, type Recorded } from './test-http-server.ts'

export interface WecomServerOptions {
  robotKey: string
  corpId: string
  secret: string
  agentId: number
  /** Users WeCom knows; others come back in `invaliduser`. */
  users: string[]
  expiresIn?: number
  now?: () => number
}

const ok = { errcode: 0, errmsg: 'ok' }
/** WeCom's global error codes used here. */
const err = (errcode: number, errmsg: string): Answer => ({ status: 200, body: { errcode, errmsg } })

export class WecomServer extends TestHttpServer {
  private serial = 0
  private readonly tokens = new Map<string, number>()

  constructor(private readonly opts: WecomServerOptions) {
    super(opts.now)
  }

  /** Every token issued so far stops working (WeCom: 42001 access_token expired). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0)
  }

  get robotRequests(): Recorded[] {
    return this.requests.filter((r) => r.path === '/cgi-bin/webhook/send')
  }

  get tokenRequests(): number {
    return this.requests.filter((r) => r.path === '/cgi-bin/gettoken').length
  }

  get sendRequests(): Recorded[] {
    return this.requests.filter((r) => r.path === '/cgi-bin/message/send')
  }

  protected answer(r: Recorded): Answer {
    if (r.method === 'POST' && r.path === '/cgi-bin/webhook/send') return this.robot(r)
    if (r.method === 'GET' && r.path === '/cgi-bin/gettoken') return this.gettoken(r)
    if (r.method === 'POST' && r.path === '/cgi-bin/message/send') return this.send(r)
    return { status: 404, body: 'not found' }
  }

  private robot(r: Recorded): Answer {
    if (r.query.get('key') !== this.opts.robotKey) return err(93000, 'invalid webhook url')
    if (!String(r.headers['content-type']).startsWith('application/json')) return err(40008, 'invalid message type')
    const body = r.json
    if (!isObject(body)) return err(40008, 'invalid message type')
    if (body.msgtype === 'text') {
      const text = body.text
      if (!isObject(text) || typeof text.content !== 'string' || text.content === '') return err(44004, 'text content is empty')
      if (utf8Length(text.content) > 2048) return err(45002, 'content size out of limit')
      for (const list of ['mentioned_list', 'mentioned_mobile_list']) if (list in text && !isStringArray(text[list])) return err(40058, `invalid ${list}`)
      return { status: 200, body: ok }
    }
    if (body.msgtype === 'markdown') {
      const md = body.markdown
      if (!isObject(md) || typeof md.content !== 'string' || md.content === '') return err(44004, 'markdown content is empty')
      if (utf8Length(md.content) > 4096) return err(45002, 'content size out of limit')
      if (Object.keys(md).some((k) => k !== 'content')) return err(40058, 'markdown takes only content')
      return { status: 200, body: ok }
    }
    return err(40008, 'invalid message type')
  }

  private gettoken(r: Recorded): Answer {
    if (r.query.get('corpid') !== this.opts.corpId) return err(40013, 'invalid corpid')
    if (r.query.get('corpsecret') !== this.opts.secret) return err(40001, 'invalid credential')
    this.serial += 1
    const token = `token-${this.serial}`
    const expiresIn = this.opts.expiresIn ?? 7200
    this.tokens.set(token, this.now() + expiresIn * 1000)
    return { status: 200, body: { ...ok, access_token: token, expires_in: expiresIn } }
  }

  private send(r: Recorded): Answer {
    const token = r.query.get('access_token') ?? ''
    const until = this.tokens.get(token)
    if (until === undefined) return err(40014, 'invalid access_token')
    if (until <= this.now()) return err(42001, 'access_token expired')
    const body = r.json
    if (!isObject(body) || body.msgtype !== 'markdown') return err(40008, 'invalid message type')
    if (body.agentid !== this.opts.agentId) return err(40056, 'invalid agentid')
    if (typeof body.touser !== 'string' || body.touser === '') return err(40031, 'invalid user list')
    const md = body.markdown
    if (!isObject(md) || typeof md.content !== 'string' || md.content === '') return err(44004, 'markdown content is empty')
    if (utf8Length(md.content) > 2048) return err(45002, 'content size out of limit')
    const users = body.touser.split('|')
    const invalid = users.filter((u) => !this.opts.users.includes(u))
    if (invalid.length === users.length) return err(81013, 'user & party & tag all invalid')
    return { status: 200, body: { ...ok, invaliduser: invalid.join('|'), msgid: `msg-${this.requests.length}` } }
  }
}
