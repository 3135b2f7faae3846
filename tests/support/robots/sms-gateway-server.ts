// An SMS gateway shaped like Aliyun's SendSms as far as the tests need:
// POST (JSON or a form) or GET with PhoneNumbers, SignName, TemplateCode and
// TemplateParam (a JSON string of the template's variables); it answers
// {"Code":"OK"} or, for a request without what it needs, an error Code
// inside HTTP 200 as Aliyun does. Every accepted request is one text sent.
import { TestHttpServer, type Answer, type Recorded } from './test-http-server.ts'

export class SmsGatewayServer extends TestHttpServer {
  constructor(private readonly apiKey: string) {
    super()
  }

  /** The fields of a request, from its JSON body, form body or query. */
  static fields(r: Recorded): Record<string, string> {
    if (r.method === 'GET') return Object.fromEntries(r.query)
    if (String(r.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(r.body))
    return r.json as Record<string, string>
  }

  protected answer(r: Recorded): Answer {
    if (r.path !== '/sms') return { status: 404, body: 'not found' }
    if (r.headers['x-api-key'] !== this.apiKey) return { status: 401, body: { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' } }
    const f = SmsGatewayServer.fields(r)
    if (!f.PhoneNumbers || !/^1\d{10}(,1\d{10})*$/.test(f.PhoneNumbers)) return { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'invalid mobile' } }
    if (!f.TemplateCode) return { status: 200, body: { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: 'template missing' } }
    try {
      JSON.parse(f.TemplateParam ?? '')
    } catch {
      return { status: 200, body: { Code: 'isv.INVALID_JSON_PARAM', Message: 'TemplateParam is not JSON' } }
    }
    return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: `biz-${this.requests.length}`, RequestId: 'test' } }
  }
}
