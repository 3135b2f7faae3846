// A real HTTP server on 127.0.0.1 that plays a vendor for the channel tests:
// it records every request as received (method, path, query, headers, raw
// body), answers through the vendor's own checks (subclasses), and can be
// told to misbehave for the next N requests: an HTTP status, a vendor error
// inside an HTTP 200, or a delay past the client's timeout.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  /** The path without the query. */
  path: string
  /** The raw query string as sent (percent-encoding intact), without "?". */
  rawQuery: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  /** The body's bytes (an encrypted push payload is not text). */
  raw: Buffer
  /** The body parsed as JSON, when it is JSON. */
  json: unknown
}

export type Failure = { status: number; body?: string } | { vendorError: Record<string, unknown> } | { delayMs: number }

export interface Answer {
  status: number
  body: unknown
}

export abstract class TestHttpServer {
  readonly requests: Recorded[] = []
  private readonly server: Server
  private failures: Failure[] = []
  url = ''

  constructor(protected readonly now: () => number = Date.now) {
    this.server = createServer((req, res) => void this.serve(req, res))
  }

  /** What the vendor answers a request that no failure was set for. */
  protected abstract answer(request: Recorded): Answer

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** The next `count` requests fail so. */
  failNext(count: number, failure: Failure): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure)
  }

  /** Forgets what was recorded and any failure still pending. */
  reset(): void {
    this.requests.length = 0
    this.failures = []
  }

  get last(): Recorded {
    const last = this.requests.at(-1)
    if (!last) throw new Error(`${this.constructor.name} received no request`)
    return last
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const body = raw.toString('utf8')
    const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s, 2)
    let json: unknown = undefined
    try {
      json = body ? JSON.parse(body) : undefined
    } catch {
      json = undefined
    }
    const recorded: Recorded = { method: req.method ?? 'GET', path, rawQuery, query: new URLSearchParams(rawQuery), headers: req.headers, body, raw, json }
    this.requests.push(recorded)
    const failure = this.failures.shift()
    if (failure && 'delayMs' in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs))
    if (res.destroyed) return
    let answer: Answer
    if (failure && 'status' in failure) answer = { status: failure.status, body: failure.body ?? 'injected failure' }
    else if (failure && 'vendorError' in failure) answer = { status: 200, body: failure.vendorError }
    else answer = this.answer(recorded)
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' })
    res.end(text)
  }
}

export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8')
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')
