// A generic webhook consumer: takes any JSON POST and answers 200, so the
// tests can read what an Alertmanager-webhook consumer would receive.
import { TestHttpServer, type Answer, type Recorded } from './test-http-server.ts'

export class WebhookServer extends TestHttpServer {
  protected answer(r: Recorded): Answer {
    if (r.method !== 'POST') return { status: 405, body: 'POST only' }
    return r.json === undefined ? { status: 400, body: 'not JSON' } : { status: 200, body: 'ok' }
  }
}
