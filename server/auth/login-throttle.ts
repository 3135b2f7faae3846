// Failed sign-ins, limited per account and per address (OWASP ASVS V2.2.1):
// at most 10 a minute each, then 429 with Retry-After. The window slides over
// one minute only, so a stranger who tries a real user's name cannot keep
// that user out for longer than the minute after the last try; a success
// clears the account's count. Kept in the process: with several server
// processes behind a balancer the limit applies per process.
const WINDOW_MS = 60_000
export const MAX_FAILURES = 10
const MAX_KEYS = 10_000

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before another try, or 0 when one is allowed now. */
  retryAfter(account: string, address: string): number {
    return Math.max(this.waitFor(`account:${account}`), this.waitFor(`address:${address}`))
  }

  failed(account: string, address: string): void {
    // Tries with ever new names must not grow the map without bound.
    if (this.failures.size > MAX_KEYS) for (const key of [...this.failures.keys()]) this.recent(key)
    for (const key of [`account:${account}`, `address:${address}`]) {
      const times = this.recent(key)
      times.push(this.now())
      this.failures.set(key, times)
    }
  }

  succeeded(account: string): void {
    this.failures.delete(`account:${account}`)
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS
    const times = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (times.length === 0) this.failures.delete(key)
    return times
  }

  private waitFor(key: string): number {
    const times = this.recent(key)
    if (times.length < MAX_FAILURES) return 0
    return Math.max(1, Math.ceil((times[times.length - MAX_FAILURES] + WINDOW_MS - this.now()) / 1000))
  }
}
