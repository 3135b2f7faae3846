// Robots answer HTTP 200 whatever happened and say it in the body: errcode
// (WeCom, DingTalk) or code (Feishu) 0 is success, anything else a failed
// delivery, retryable only when the vendor is throttling or busy.
import type { DeliveryResult } from '../notifier.ts'
import { DeliveryError } from './delivery.ts'

export interface VendorCodes {
  vendor: string
  /** The body field that carries the code, and the one with its message. */
  codeField: string
  messageField: string
  /** Codes that mean "later": throttling, busy. */
  retryable: readonly number[]
}

/** Throttling and "busy" codes, as the vendors document them (docs/alerting/channels.md lists the sources). */
export const WECOM: VendorCodes = { vendor: 'WeCom', codeField: 'errcode', messageField: 'errmsg', retryable: [-1, 45009] }
export const DINGTALK: VendorCodes = { vendor: 'DingTalk', codeField: 'errcode', messageField: 'errmsg', retryable: [-1, 130101, 410100] }
export const FEISHU: VendorCodes = { vendor: 'Feishu', codeField: 'code', messageField: 'msg', retryable: [11232] }

/** The vendor's code in the body, or a failure when there is none. */
export function vendorCode(body: Record<string, unknown>, codes: VendorCodes): number {
  const code = body[codes.codeField] ?? (codes === FEISHU ? body.StatusCode : undefined)
  if (typeof code !== 'number') throw new DeliveryError(`${codes.vendor} answered without ${codes.codeField}`, false)
  return code
}

export function vendorResult(body: Record<string, unknown>, codes: VendorCodes): DeliveryResult {
  const code = vendorCode(body, codes)
  if (code === 0) return { ok: true }
  const message = body[codes.messageField] ?? body.StatusMessage
  return {
    ok: false,
    retryable: codes.retryable.includes(code),
    error: `${codes.vendor} ${codes.codeField} ${code}: ${typeof message === 'string' ? message : ''}`.trim(),
    code: `${codes.codeField} ${code}`,
  }
}
