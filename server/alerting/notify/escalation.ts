// Stage 4, escalation (DOMAIN.md §3): an alert firing and not acknowledged
// reaches tier k when tier k's `after` has passed since it fired; each tier
// is sent to that tier's receivers, alerts reaching the same tier within a
// few seconds of each other together as one message (ESCALATION.batchMs);
// after the last tier, `remind_every` sends the last tier again. An
// acknowledgement stops it, as does resolving; a silence or an inhibition
// holds it (the tier goes out when it lifts, if still due).
//
// The tier reached is kept with the alert (feed.escalated), so a restart goes
// on from there; it is recorded once the tier's first attempt is (or its key
// turns out sent already), so a crash before that sends the tier again under
// the same key, never skips it. A receiver that is down does not hold the
// next tier: each tier is retried only until the next one is due.
import type { Alert } from '../../../schemas/alerts.ts'
import type { Escalation as EscalationPolicy, Severity } from '../../../schemas/alerting-config.ts'
import { parseDuration } from '../../../schemas/duration.ts'
import type { AlertFeed, Escalator } from '../alert-feed.ts'
import { ESCALATION } from './defaults.ts'
import { idempotencyKey } from './idempotency-key.ts'
import type { InFlight } from './in-flight.ts'
import { sharedLabels } from './message.ts'
import type { Outbox } from './outbox.ts'
import type { Outgoing } from './outgoing.ts'
import type { PipelineLogger } from './pipeline-logger.ts'
import type { Receivers } from './receivers.ts'
import type { Scheduler, Timer } from './scheduler.ts'

export class EscalationUnavailableError extends Error {
  override name = 'EscalationUnavailableError'
  constructor() {
    super('no escalation policy is configured (the alerting file has no "escalation")')
  }
}

interface Policy {
  severities: ReadonlySet<Severity>
  tiers: Array<{ afterMs: number; notify: string[] }>
  remindMs: number | null
}

/** A tier (1-based) an alert is due to reach, and when. */
interface Due {
  alert: Alert
  tier: number
  at: number
  reason: 'escalation' | 'reminder'
}

export interface EscalationDeps {
  feed: AlertFeed
  scheduler: Scheduler
  inFlight: InFlight
  outbox: Outbox
  receivers: Receivers
  logger: PipelineLogger
}

const firedAt = (a: Alert) => Date.parse(a.fired_at ?? a.started_at)

function compile(e: EscalationPolicy | null): Policy | null {
  if (!e) return null
  return {
    severities: new Set(e.severities ?? ['warning', 'critical']),
    tiers: e.tiers.map((t) => ({ afterMs: parseDuration(t.after), notify: t.notify })),
    remindMs: e.remind_every ? parseDuration(e.remind_every) : null,
  }
}

export class Escalation implements Escalator {
  private policy: Policy | null = null
  /** Tiers this process sent whose record may not be with the alert yet, by alert id. */
  private reached = new Map<string, { firedAt: string | null; tier: number; nextAt: number | null }>()
  private timer: Timer | null = null
  private timerAt = Infinity
  private stopped = false

  constructor(private readonly deps: EscalationDeps) {}

  configure(policy: EscalationPolicy | null): void {
    this.policy = compile(policy)
    this.rearm()
  }

  /** An alert changed: its next tier may be due sooner than the timer is set for. */
  changed(alert: Alert): void {
    const due = this.dueOf(alert)
    if (due) this.arm(due.at + ESCALATION.batchMs)
  }

  stop(): void {
    this.stopped = true
    this.timer?.cancel()
    this.timer = null
  }

  /** A lead's "escalate now": the next tier (the last one again when all are reached) at once. */
  async escalateNow(alert: Alert, by: string, comment: string): Promise<void> {
    const policy = this.policy
    if (!policy) throw new EscalationUnavailableError()
    const current = this.deps.feed.get(alert.id) ?? alert
    const tier = Math.min(this.tierOf(current) + 1, policy.tiers.length)
    const now = this.deps.scheduler.now()
    const annotated = { ...current, annotations: { ...current.annotations, escalated_by: by, escalation_comment: comment } }
    await this.dispatch(policy, [{ alert: annotated, tier, at: now, reason: 'escalation' }], now, `now:${by}`)
    this.rearm()
  }

  private tierOf(a: Alert): number {
    const mine = this.reached.get(a.id)
    return Math.max(a.escalation.tier, mine && mine.firedAt === a.fired_at ? mine.tier : 0)
  }

  private dueOf(a: Alert): Due | null {
    const policy = this.policy
    if (!policy || a.state !== 'firing' || a.silenced || a.inhibited_by !== null || !policy.severities.has(a.severity)) return null
    const tier = this.tierOf(a)
    const { tiers, remindMs } = policy
    if (tier < tiers.length) return { alert: a, tier: tier + 1, at: firedAt(a) + tiers[tier].afterMs, reason: 'escalation' }
    if (remindMs === null) return null
    const mine = this.reached.get(a.id)
    const next = mine && mine.firedAt === a.fired_at && mine.tier >= a.escalation.tier ? mine.nextAt : a.escalation.next_at ? Date.parse(a.escalation.next_at) : null
    return { alert: a, tier: tiers.length, at: next ?? firedAt(a) + tiers[tiers.length - 1].afterMs + remindMs, reason: 'reminder' }
  }

  private arm(at: number): void {
    if (this.stopped || (this.timer && this.timerAt <= at)) return
    this.timer?.cancel()
    this.timerAt = at
    this.timer = this.deps.scheduler.at(at, () => {
      this.timer = null
      this.timerAt = Infinity
      void this.deps.inFlight.run(() => this.tick())
    })
  }

  /** Sets the timer for the earliest tier due, forgetting what this process sent for alerts now gone. */
  private rearm(): void {
    this.timer?.cancel()
    this.timer = null
    this.timerAt = Infinity
    const current = this.deps.feed.current()
    const ids = new Set(current.map((a) => a.id))
    for (const id of this.reached.keys()) if (!ids.has(id)) this.reached.delete(id)
    for (const a of current) this.changed(a)
  }

  private async tick(): Promise<void> {
    const policy = this.policy
    if (this.stopped || !policy) return
    const now = this.deps.scheduler.now()
    const batches = new Map<string, Due[]>()
    for (const a of this.deps.feed.current()) {
      const due = this.dueOf(a)
      if (!due || due.at > now) continue
      const key = `${due.tier}:${due.reason}`
      batches.set(key, [...(batches.get(key) ?? []), due])
    }
    for (const batch of batches.values()) await this.dispatch(policy, batch, now, 'due')
    this.rearm()
  }

  /** Sends one tier of a batch of alerts to that tier's receivers; records the tier with each alert after the first attempt. */
  private async dispatch(policy: Policy, batch: Due[], now: number, why: string): Promise<void> {
    const { tier, reason } = batch[0]
    const { notify } = policy.tiers[tier - 1]
    const nextAt = (a: Alert) => (tier < policy.tiers.length ? firedAt(a) + policy.tiers[tier].afterMs : policy.remindMs !== null ? now + policy.remindMs : null)
    for (const { alert } of batch) this.reached.set(alert.id, { firedAt: alert.fired_at, tier, nextAt: nextAt(alert) })

    let recorded: Promise<void> | null = null
    const record = () =>
      (recorded ??= (async () => {
        for (const { alert } of batch) {
          const next = nextAt(alert)
          try {
            await this.deps.feed.escalated(alert.id, tier, next === null ? null : new Date(next), notify)
          } catch (err) {
            this.deps.logger.error({ err, alert: alert.id, tier }, 'escalation tier not recorded with the alert')
          }
        }
      })())

    const soonest = Math.min(...batch.map((d) => nextAt(d.alert) ?? Infinity))
    const retryMs = Math.min(ESCALATION.maxRetryMs, Math.max(ESCALATION.minRetryMs, soonest - now))
    const alerts = batch.map((d) => `${d.alert.id}@${d.alert.fired_at}#${d.at}`)
    const items: Outgoing[] = []
    for (const receiverId of notify) {
      const receiver = this.deps.receivers.receiver(receiverId)
      if (!receiver) continue
      const key = idempotencyKey({ receiverId, subject: `escalation:${tier}:${why}`, reason, alerts, after: null })
      items.push({
        receiver,
        slot: `escalation:${key}`,
        key,
        reason,
        groupLabels: sharedLabels(batch.map((d) => d.alert.labels)),
        firing: batch.map((d) => d.alert),
        resolved: [],
        log: [],
        deadline: now + retryMs,
        onFirstAttempt: record,
      })
    }
    if (items.length === 0) {
      this.deps.logger.warn({ tier, receivers: notify }, 'an escalation tier names no configured receiver')
      await record()
    }
    await this.deps.outbox.submit(items)
  }
}
