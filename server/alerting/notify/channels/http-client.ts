// The one HTTP call every robot and gateway goes through: Node's fetch
// (undici) under the attempt's deadline, so a vendor that does not answer
// costs at most the receiver's timeout, and a failure says what happened
// without the URL (robot URLs carry their keys).
import { abortError, DeliveryError, retryableStatus, snippet, type Deadline } from './delivery.ts'

export interface HttpAnswer {
  status: number
  text: string
}

export type Fetch = typeof fetch

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
}

function causeCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause
  if (cause && typeof cause.code === 'string') return cause.code
  if (cause && typeof cause.message === 'string') return cause.message
  return err instanceof Error ? err.message : String(err)
}

export async function httpCall(request: HttpRequest, d: Deadline, fetchImpl: Fetch = fetch): Promise<HttpAnswer> {
  try {
    const res = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal: d.signal, redirect: 'error' })
    return { status: res.status, text: await res.text() }
  } catch (err) {
    if (d.signal.aborted) throw abortError(d)
    const code = causeCode(err)
    throw new DeliveryError(`network error: ${code}`, true, /^E[A-Z_]+$/.test(code) ? code : 'network')
  }
}

/** The answer's JSON, or a failure that says the vendor answered something else. */
export function jsonOf(answer: HttpAnswer, vendor: string): Record<string, unknown> {
  if (answer.status < 200 || answer.status > 299) {
    throw new DeliveryError(`${vendor} answered HTTP ${answer.status}${answer.text ? `: ${snippet(answer.text)}` : ''}`, retryableStatus(answer.status), `HTTP ${answer.status}`)
  }
  try {
    const value: unknown = JSON.parse(answer.text)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through: not JSON
  }
  throw new DeliveryError(`${vendor} answered HTTP ${answer.status} with something that is not a JSON object: ${snippet(answer.text)}`, false)
}

export const postJson = (url: string, body: unknown, d: Deadline, fetchImpl?: Fetch, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
  httpCall({ method: 'POST', url, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) }, d, fetchImpl)
