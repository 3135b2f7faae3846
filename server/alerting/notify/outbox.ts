// Stage 2c, the rate limit, and the hand-over to the sender: a message goes
// out at once while its receiver's window has a place (rate-window.ts);
// beyond it, it is held, a newer message of the same group replacing the
// held one, and everything held is merged into one digest (digest.ts) when
// the window has a place again. While a receiver has messages held, new ones
// wait behind them, so the digest keeps the order. Before the first attempt,
// the keys of a flush are claimed in one statement (deliveries-store.ts): a
// key already recorded as sent is not sent again.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { Receiver } from '../../../schemas/alerting-config.ts'
import { claimKeys, writeLog } from './deliveries-store.ts'
import { RATE_LIMITS_PER_MINUTE } from './defaults.ts'
import { mergeDigest } from './digest.ts'
import type { InFlight } from './in-flight.ts'
import type { LogUpdate, NotificationLog } from './notification-log.ts'
import type { Outgoing } from './outgoing.ts'
import type { PipelineLogger } from './pipeline-logger.ts'
import { RateWindow } from './rate-window.ts'
import type { Scheduler, Timer } from './scheduler.ts'
import type { Sender } from './sender.ts'

/** A digest is retried for a minute: the window it waited for. */
const DIGEST_RETRY_MS = 60_000

interface Lane {
  window: RateWindow
  held: Map<string, Outgoing>
  timer: Timer | null
}

export interface OutboxDeps {
  store: StoreQueryable
  scheduler: Scheduler
  inFlight: InFlight
  log: NotificationLog
  sender: Sender
  logger: PipelineLogger
}

const limitOf = (r: Receiver) => r.rate_limit_per_minute ?? RATE_LIMITS_PER_MINUTE[r.type] ?? Infinity
const slotsOf = (o: Outgoing) => o.slots ?? [o.slot]
const sendingId = (receiverId: string, slot: string) => `${receiverId}\u0000${slot}`

export class Outbox {
  private lanes = new Map<string, Lane>()
  private sending = new Set<string>()

  constructor(private readonly deps: OutboxDeps) {}

  /** A message of this slot is being sent and not yet settled. */
  isSending(receiverId: string, slot: string): boolean {
    return this.sending.has(sendingId(receiverId, slot))
  }

  /** A message of this slot is being sent or held for a digest. */
  isPending(receiverId: string, slot: string): boolean {
    return this.isSending(receiverId, slot) || (this.lanes.get(receiverId)?.held.has(slot) ?? false)
  }

  /** Messages decided together (one flush, one escalation tier): sent, held for a digest, or skipped when the same slot is being sent. */
  async submit(items: readonly Outgoing[]): Promise<void> {
    const now = this.deps.scheduler.now()
    const go: Outgoing[] = []
    for (const o of items) {
      if (this.isSending(o.receiver.id, o.slot)) continue
      const lane = this.lane(o.receiver)
      // A notice (a bulletin, once a day) is never merged into a digest of alerts: it takes a place when there is one and goes.
      if (o.notice) {
        lane.window.take(now)
        go.push(o)
      } else if (lane.held.size > 0 || !lane.window.take(now)) {
        lane.held.set(o.slot, o)
        this.armDigest(o.receiver.id, lane)
      } else go.push(o)
    }
    await this.dispatch(go, now)
  }

  /** The log's rows of a flush with nothing to send (resolutions to a receiver without send_resolved). */
  async forget(receiverId: string, log: LogUpdate[]): Promise<void> {
    try {
      await writeLog(this.deps.store, receiverId, log)
      this.deps.log.apply(receiverId, log)
    } catch (err) {
      this.deps.logger.error({ err, receiver: receiverId }, 'notification log not written')
    }
  }

  /** The sender settled a message: its slots may be sent again. */
  settled(o: Outgoing): void {
    for (const slot of slotsOf(o)) this.sending.delete(sendingId(o.receiver.id, slot))
  }

  /** A reload changed a receiver's limit; a removed receiver's held messages go (its groups are gone too). */
  configure(receivers: ReadonlyMap<string, Receiver>): void {
    for (const [id, lane] of this.lanes) {
      const receiver = receivers.get(id)
      if (receiver) {
        lane.window.limit = limitOf(receiver)
        for (const o of lane.held.values()) o.receiver = receiver
      } else {
        lane.timer?.cancel()
        this.lanes.delete(id)
      }
    }
  }

  stop(): void {
    for (const lane of this.lanes.values()) lane.timer?.cancel()
    this.lanes.clear()
  }

  private lane(receiver: Receiver): Lane {
    let lane = this.lanes.get(receiver.id)
    if (!lane) {
      lane = { window: new RateWindow(limitOf(receiver)), held: new Map(), timer: null }
      this.lanes.set(receiver.id, lane)
    }
    return lane
  }

  private armDigest(receiverId: string, lane: Lane): void {
    if (lane.timer) return
    const now = this.deps.scheduler.now()
    lane.timer = this.deps.scheduler.at(lane.window.nextFreeAt(now), () => {
      lane.timer = null
      void this.deps.inFlight.run(() => this.sendDigest(receiverId, lane))
    })
  }

  private async sendDigest(receiverId: string, lane: Lane): Promise<void> {
    if (this.lanes.get(receiverId) !== lane || lane.held.size === 0) return
    const now = this.deps.scheduler.now()
    if (!lane.window.take(now)) return this.armDigest(receiverId, lane)
    const digest = mergeDigest([...lane.held.values()], now, DIGEST_RETRY_MS)
    lane.held.clear()
    await this.dispatch([digest], now)
  }

  private async dispatch(go: readonly Outgoing[], now: number): Promise<void> {
    if (go.length === 0) return
    for (const o of go) for (const slot of slotsOf(o)) this.sending.add(sendingId(o.receiver.id, slot))
    let claimed: Set<string>
    try {
      claimed = await claimKeys(this.deps.store, [...new Map(go.map((o) => [o.key, { key: o.key, receiverId: o.receiver.id }])).values()], now)
    } catch (err) {
      // Without a claim nothing is sent: the next flush decides again.
      this.deps.logger.error({ err }, 'notification keys not claimed; nothing sent')
      for (const o of go) this.release(o, now)
      return
    }
    for (const o of go) {
      if (claimed.delete(o.key)) this.deps.sender.start(o)
      else {
        // Recorded as sent already (by an earlier process, or a twin in this flush): the log says so too.
        this.deps.log.apply(o.receiver.id, o.log)
        await this.deps.sender.firstAttemptDone(o)
        this.release(o, now)
      }
    }
  }

  private release(o: Outgoing, takenAt: number): void {
    this.settled(o)
    this.lanes.get(o.receiver.id)?.window.giveBack(takenAt)
  }
}
