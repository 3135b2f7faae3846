// A receiver's per-minute limit as a sliding window of the instants it was
// sent to: never more than `limit` messages in any 60 s, which is how the
// robots count (DingTalk mutes a robot for ten minutes past 20 a minute).
const WINDOW_MS = 60_000

export class RateWindow {
  private sent: number[] = []

  /** Changed by a reload; the instants already sent still count. */
  constructor(public limit: number) {}

  /** Takes a place for a message at `now`, if the window has one. */
  take(now: number): boolean {
    this.prune(now)
    if (this.sent.length >= this.limit) return false
    this.sent.push(now)
    return true
  }

  /** Gives back a place taken for a message that turned out not to be needed. */
  giveBack(at: number): void {
    const i = this.sent.lastIndexOf(at)
    if (i >= 0) this.sent.splice(i, 1)
  }

  /** When the next place frees up (now, if one is free). */
  nextFreeAt(now: number): number {
    this.prune(now)
    return this.sent.length < this.limit ? now : this.sent[this.sent.length - this.limit] + WINDOW_MS
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0] <= now - WINDOW_MS) this.sent.shift()
  }
}
