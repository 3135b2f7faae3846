// Stage 3, send with retries: one attempt at a time through the receiver's
// notifier, each recorded (deliveries-store.ts). A retryable failure is tried
// again after a backoff (backoff.ts) while the next attempt can start before
// the message's deadline (a group's interval, an escalation's next tier); a
// non-retryable one is not. The deadline only says when attempts may start:
// one under way runs to its receiver's own timeout (timeout_ms), since the
// vendor may already have the message. Cut off at a group's interval, a slow
// answer would be recorded as failed and the next flush, finding nothing in
// the log, would send the same message a second time; while it runs, its
// slot is busy and the next flush leaves that receiver alone. Every attempt
// carries the same idempotency key, so a receiver that took a message whose
// answer was lost can tell a retry from a new message. Waiting between
// attempts is a scheduled timer, not an await, so nothing is held open
// meanwhile.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { Receiver } from '../../../schemas/alerting-config.ts'
import { backoffMs } from './backoff.ts'
import { DEFAULT_TIMEOUT_MS } from './channels/delivery.ts'
import { recordAttempt } from './deliveries-store.ts'
import type { InFlight } from './in-flight.ts'
import { toNotification } from './message.ts'
import type { NotificationLog } from './notification-log.ts'
import type { DeliveryResult, Notification, Notifier, Recipient } from './notifier.ts'
import { alertIdsOf, type Outgoing } from './outgoing.ts'
import type { PipelineLogger } from './pipeline-logger.ts'
import type { Scheduler, Timer } from './scheduler.ts'

export interface SenderDeps {
  store: StoreQueryable
  scheduler: Scheduler
  inFlight: InFlight
  log: NotificationLog
  notifier: (receiverId: string) => Notifier | undefined
  /** The people a receiver addresses at an instant ([] when it addresses none). */
  recipients: (receiver: Receiver, at: number) => Promise<Recipient[]>
  publicUrl: URL | undefined
  random: () => number
  logger: PipelineLogger
  /** Told when a message's last attempt is recorded. */
  settled: (o: Outgoing) => void
}

/** Past its receiver's timeout (which every channel enforces itself), an attempt is aborted here too, in case a notifier ignores its signal: a hung attempt would hold its slot for good. */
const ABORT_GRACE_MS = 1_000

/** Who a receiver addresses, as its configuration lists them: `to` for person channels, `mention` for robots. */
export const addressees = (receiver: Receiver): readonly string[] | undefined => ('to' in receiver ? receiver.to : 'mention' in receiver ? receiver.mention : undefined)

export class Sender {
  private retries = new Set<Timer>()
  private sends = new Set<AbortController>()
  private stopped = false

  constructor(private readonly deps: SenderDeps) {}

  /** No more attempts; sends under way are aborted (their messages are decided again by the next process). */
  stop(): void {
    this.stopped = true
    for (const timer of this.retries) timer.cancel()
    for (const abort of this.sends) abort.abort()
  }

  /** Starts the first attempt; the rest follow on their own. */
  start(o: Outgoing): void {
    this.attempt(o, 1, null)
  }

  private attempt(o: Outgoing, n: number, prepared: Notification | null): void {
    void this.deps.inFlight.run(async () => {
      const { scheduler } = this.deps
      const at = scheduler.now()
      let notification = prepared
      let result: DeliveryResult
      if (notification) result = await this.sendOnce(notification)
      else {
        const spec = addressees(o.receiver)
        const recipients = await this.deps.recipients(o.receiver, at).catch((err: unknown) => {
          this.deps.logger.error({ err, receiver: o.receiver.id }, 'recipients not resolved')
          return null
        })
        if (recipients === null) result = { ok: false, retryable: true, error: 'the people to address could not be read from the store' }
        else {
          notification = toNotification(o, recipients, this.deps.publicUrl)
          result =
            spec && 'to' in o.receiver && recipients.length === 0
              ? { ok: false, retryable: false, error: `nobody to send to: ${spec.join(', ')} names no one now (roster)` }
              : await this.sendOnce(notification)
        }
      }
      const next = result.ok || !result.retryable ? null : scheduler.now() + backoffMs(n, this.deps.random)
      const retry = next !== null && next < o.deadline
      const outcome = result.ok ? 'sent' : retry ? 'retrying' : 'failed'
      try {
        await recordAttempt(
          this.deps.store,
          {
            at,
            alertIds: alertIdsOf(o),
            receiverId: o.receiver.id,
            receiverType: o.receiver.type,
            reason: o.reason,
            attempt: n,
            outcome,
            error: result.ok ? null : result.error,
            key: o.key,
          },
          o.log,
        )
      } catch (err) {
        this.deps.logger.error({ err, receiver: o.receiver.id, key: o.key, outcome }, 'notification attempt not recorded')
      }
      // What was sent was sent, recorded or not: this process never sends it again.
      if (result.ok) this.deps.log.apply(o.receiver.id, o.log)
      if (n === 1) await this.firstAttemptDone(o)
      if (retry && !this.stopped) {
        const timer = scheduler.at(next, () => {
          this.retries.delete(timer)
          this.attempt(o, n + 1, notification)
        })
        this.retries.add(timer)
      } else this.deps.settled(o)
    })
  }

  /** For a message whose key was already recorded as sent: what its first attempt would have told. */
  async firstAttemptDone(o: Outgoing): Promise<void> {
    try {
      await o.onFirstAttempt?.()
    } catch (err) {
      this.deps.logger.error({ err, receiver: o.receiver.id, key: o.key }, 'after the first attempt of a notification')
    }
  }

  private async sendOnce(notification: Notification): Promise<DeliveryResult> {
    const notifier = this.deps.notifier(notification.receiver.id)
    if (!notifier) return { ok: false, retryable: false, error: 'the receiver is no longer configured' }
    const abort = new AbortController()
    const limit = (notification.receiver.timeout_ms ?? DEFAULT_TIMEOUT_MS) + ABORT_GRACE_MS
    const timer = this.deps.scheduler.at(this.deps.scheduler.now() + limit, () => abort.abort())
    this.sends.add(abort)
    try {
      return await notifier.send(notification, abort.signal)
    } catch (err) {
      // A channel answers with a DeliveryResult; one that throws may carry a URL or a secret in its message: record only what it was.
      const name = err instanceof Error ? err.name : typeof err
      this.deps.logger.error({ receiver: notification.receiver.id, error: name }, 'a notifier threw instead of answering')
      return { ok: false, retryable: true, error: abort.signal.aborted ? 'no answer within the receiver\'s timeout' : `the channel failed (${name})` }
    } finally {
      timer.cancel()
      this.sends.delete(abort)
    }
  }
}
