// One attempt at a vendor, and what it came to. The pipeline retries (it
// calls `send` again): here a failure only says whether another try is
// worth it. Every error text passes through the receiver's redactor before
// it leaves, so neither a secret nor a signed URL can reach a log or a
// recorded attempt.
import type { DeliveryResult } from '../notifier.ts'
import type { Redactor } from './redact.ts'

/** Thrown inside a channel to end the attempt with this failure. */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The vendor's code, when there is one (DeliveryResult.code). */
    readonly code?: string,
  ) {
    super(message)
  }
}

/** The caller's signal and the receiver's timeout as one signal, and which of them fired. */
export interface Deadline {
  signal: AbortSignal
  timeoutMs: number
  timedOut(): boolean
}

export const DEFAULT_TIMEOUT_MS = 10_000

export function deadline(signal: AbortSignal, timeoutMs: number = DEFAULT_TIMEOUT_MS): Deadline {
  const timeout = AbortSignal.timeout(timeoutMs)
  return { signal: AbortSignal.any([signal, timeout]), timeoutMs, timedOut: () => timeout.aborted && !signal.aborted }
}

/** A failure when the deadline has passed, for code that cannot take a signal (SMTP). */
export function abortError(d: Deadline): DeliveryError {
  return d.timedOut() ? new DeliveryError(`timed out after ${d.timeoutMs} ms`, true, 'timeout') : new DeliveryError('aborted before an answer', true, 'aborted')
}

/** Runs one attempt: its result, or the failure it threw, with every error text redacted. */
export async function attempt(redact: Redactor, fn: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  let result: DeliveryResult
  try {
    result = await fn()
  } catch (err) {
    result =
      err instanceof DeliveryError
        ? { ok: false, retryable: err.retryable, error: err.message, ...(err.code === undefined ? {} : { code: err.code }) }
        : { ok: false, retryable: false, error: `unexpected: ${err instanceof Error ? err.message : String(err)}` }
  }
  if (!result.ok) return { ...result, error: redact(result.error) }
  return result.detail === undefined ? result : { ...result, detail: redact(result.detail) }
}

/** HTTP statuses worth another try: a timeout, too many requests, the vendor's own trouble. */
export const retryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500

/** At most this much of a vendor's answer goes into a recorded error. */
export const snippet = (text: string, max = 200): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
