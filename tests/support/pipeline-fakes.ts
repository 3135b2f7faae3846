// Stand-ins for the notification pipeline's neighbours, so its tests run on
// the pipeline alone: an alert feed the test drives as the rule engine would
// (fire, acknowledge, resolve, silence, inhibit), and FAKE notifiers that
// implement the Notifier interface and only record what they were given (the
// real channels and their vendor test servers are tested elsewhere). A fake
// channel can be "down" (answers a retryable failure, as a 503 would) and
// refuses a key it already took, as the vendor's idempotency would, counting
// such duplicates so a test can say none happened. It can be "slow": it takes
// the message at once and answers later on the virtual clock, as a vendor (or
// the network) under load does.
import { randomUUID } from 'node:crypto'
import type { Alert, AlertHistoryKind } from '../../schemas/alerts.ts'
import type { Receiver, Severity } from '../../schemas/alerting-config.ts'
import type { AlertChange, AlertFeed } from '../../server/alerting/alert-feed.ts'
import type { DeliveryResult, Notification, Notifier } from '../../server/alerting/notify/notifier.ts'

export class FakeFeed implements AlertFeed {
  readonly alerts = new Map<string, Alert>()
  readonly escalations: Array<{ id: string; tier: number; nextAt: Date | null; receivers: string[] }> = []
  private listeners: Array<(change: AlertChange) => void> = []

  constructor(private readonly now: () => number) {}

  onChange(listener: (change: AlertChange) => void): void {
    this.listeners.push(listener)
  }

  current(): Alert[] {
    return [...this.alerts.values()].map((a) => structuredClone(a))
  }

  get(id: string): Alert | undefined {
    const a = this.alerts.get(id)
    return a && structuredClone(a)
  }

  async escalated(id: string, tier: number, nextAt: Date | null, receivers: string[]): Promise<void> {
    this.escalations.push({ id, tier, nextAt, receivers })
    const a = this.alerts.get(id)
    if (a) a.escalation = { tier, next_at: nextAt?.toISOString() ?? null }
    return Promise.resolve()
  }

  /** A new alert firing now (or an existing one put back, after a restart: no change is told). */
  fire(over: { rule?: string; severity?: Severity; labels?: Record<string, string>; id?: string } = {}): Alert {
    const at = new Date(this.now()).toISOString()
    const rule = over.rule ?? 'answer_rate_low'
    const severity = over.severity ?? 'warning'
    const alert: Alert = {
      id: over.id ?? randomUUID(),
      fingerprint: `${rule}:${JSON.stringify(over.labels ?? {})}`,
      rule_id: rule,
      rule_name: rule,
      kind: 'kpi',
      severity,
      state: 'firing',
      labels: { rule, kind: 'kpi', severity, ...over.labels },
      summary: `${rule} ${JSON.stringify(over.labels ?? {})}`,
      value: 0.7,
      threshold: 0.8,
      started_at: at,
      fired_at: at,
      resolved_at: null,
      acknowledged: null,
      resolved_by: null,
      silenced: false,
      inhibited_by: null,
      escalation: { tier: 0, next_at: null },
      annotations: {},
    }
    this.alerts.set(alert.id, alert)
    this.emit(alert, 'firing')
    return alert
  }

  ack(id: string, by = 'lead1'): void {
    const at = new Date(this.now()).toISOString()
    this.change(id, { state: 'acknowledged', acknowledged: { by, display_name: by, at, comment: 'on it' } }, 'acknowledged', by)
  }

  resolve(id: string): void {
    this.change(id, { state: 'resolved', resolved_at: new Date(this.now()).toISOString() }, 'resolved')
  }

  change(id: string, patch: Partial<Alert>, kind: AlertHistoryKind, actor = 'engine'): void {
    const a = this.alerts.get(id)
    if (!a) throw new Error(`no alert ${id}`)
    Object.assign(a, patch)
    this.emit(a, kind, actor)
  }

  private emit(alert: Alert, kind: AlertHistoryKind, actor = 'engine'): void {
    for (const l of this.listeners) l({ alert: structuredClone(alert), kind, at: new Date(this.now()), actor })
  }
}

export interface Delivered {
  at: number
  receiver: string
  notification: Notification
}

/** Fake channels for every receiver: records what each was sent; `down` receivers fail as a 503 would. */
export class FakeChannels {
  readonly delivered: Delivered[] = []
  readonly attempts: Array<{ at: number; receiver: string; key: string; ok: boolean }> = []
  readonly down = new Set<string>()
  /** Receivers that answer this long (ms) after they took the message. */
  readonly slow = new Map<string, number>()
  duplicates = 0
  private taken = new Set<string>()

  constructor(private readonly clock: { now(): number; elapse(ms: number): void }) {}

  readonly create = (receiver: Receiver): Notifier => ({
    type: receiver.type,
    send: (n: Notification, signal: AbortSignal): Promise<DeliveryResult> => {
      const ok = !this.down.has(receiver.id)
      this.attempts.push({ at: this.clock.now(), receiver: receiver.id, key: n.key, ok })
      if (!ok) return Promise.resolve({ ok: false, retryable: true, error: 'HTTP 503 (fake channel down)' })
      if (this.taken.has(n.key)) this.duplicates += 1
      else {
        this.taken.add(n.key)
        this.delivered.push({ at: this.clock.now(), receiver: receiver.id, notification: n })
      }
      const lag = this.slow.get(receiver.id)
      if (lag !== undefined) this.clock.elapse(lag)
      // As the real channels answer an attempt aborted before the answer (http-client.ts): a retryable failure, though the message arrived.
      if (signal.aborted) return Promise.resolve({ ok: false, retryable: true, error: 'aborted before an answer' })
      return Promise.resolve({ ok: true })
    },
  })

  to(receiver: string): Delivered[] {
    return this.delivered.filter((d) => d.receiver === receiver)
  }
}
