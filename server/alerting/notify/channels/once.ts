// The idempotency key's guarantee inside a process, for every channel: a
// notification whose key a receiver has already delivered is answered
// "delivered" without another request, and two sends of one key at once
// make one request (the second waits for the first). Robots and SMS
// gateways keep no key of their own, so this is what stops a retry that
// comes after a success (a lost answer upstream, a duplicate job) from
// sending a second copy. Across restarts the pipeline's notification log
// does the same. Where the vendor takes a key it is passed on as well:
// webhook `Idempotency-Key`, SMS {{key}}, the email's Message-ID, the Web
// Push Topic, WeCom's duplicate check.
import { createHash } from 'node:crypto'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'

/** Keys remembered at most this long, and at most this many (the oldest go first). */
export const REMEMBER_MS = 24 * 3_600_000
export const REMEMBER_MAX = 20_000

export class DeliveredKeys {
  private readonly delivered = new Map<string, number>()
  private readonly inFlight = new Map<string, Promise<DeliveryResult>>()

  constructor(private readonly now: () => Date = () => new Date()) {}

  async once(id: string, send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    const at = this.delivered.get(id)
    if (at !== undefined && this.now().getTime() - at < REMEMBER_MS) return { ok: true, detail: 'already delivered under this key: not sent again' }
    const pending = this.inFlight.get(id)
    if (pending) return pending
    const request = send().then((result) => {
      if (result.ok) this.remember(id)
      return result
    })
    this.inFlight.set(id, request)
    try {
      return await request
    } finally {
      this.inFlight.delete(id)
    }
  }

  private remember(id: string): void {
    this.delivered.delete(id)
    this.delivered.set(id, this.now().getTime())
    while (this.delivered.size > REMEMBER_MAX) this.delivered.delete(this.delivered.keys().next().value as string)
  }
}

/** The notifier, answering each key once per receiver. */
export function deliverOnce(notifier: Notifier, receiverId: string, keys: DeliveredKeys): Notifier {
  return {
    type: notifier.type,
    send: (n: Notification, signal: AbortSignal) => keys.once(`${receiverId}\n${n.key}`, () => notifier.send(n, signal)),
  }
}

/** A short token of a key for vendors' own fields (SMS OutId, Message-ID, push Topic): 32 hex characters, the same for the same key. */
export const keyToken = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32)
