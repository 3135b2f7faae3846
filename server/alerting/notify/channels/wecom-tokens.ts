// WeCom application access tokens (gettoken): one per application, cached
// and shared, because WeCom throttles a caller that asks too often; renewed
// a margin before `expires_in` ends, and at once when WeCom says the token
// is invalid or expired (40014, 42001: it may end early). Concurrent sends
// wait for the one request in flight instead of each asking.

/** Renew this long before WeCom's `expires_in` (7200 s) ends, or halfway through a shorter lifetime. */
export const RENEW_MARGIN_MS = 5 * 60_000

export interface FetchedToken {
  token: string
  expiresInSeconds: number
}

interface Cached {
  token: string
  renewAt: number
}

export class WecomTokens {
  private readonly cached = new Map<string, Cached>()
  private readonly inFlight = new Map<string, Promise<string>>()

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The cached token of `key` while it is fresh; else one fetched by `fetchToken`. */
  async get(key: string, fetchToken: () => Promise<FetchedToken>): Promise<string> {
    const hit = this.cached.get(key)
    if (hit && this.now().getTime() < hit.renewAt) return hit.token
    const pending = this.inFlight.get(key)
    if (pending) return pending
    const request = (async () => {
      try {
        const fetched = await fetchToken()
        const lifetime = fetched.expiresInSeconds * 1000
        const margin = Math.min(RENEW_MARGIN_MS, lifetime / 2)
        this.cached.set(key, { token: fetched.token, renewAt: this.now().getTime() + lifetime - margin })
        return fetched.token
      } finally {
        this.inFlight.delete(key)
      }
    })()
    this.inFlight.set(key, request)
    return request
  }

  /** WeCom refused `token`: forget it (unless a newer one replaced it meanwhile). */
  invalidate(key: string, token: string): void {
    if (this.cached.get(key)?.token === token) this.cached.delete(key)
  }
}
