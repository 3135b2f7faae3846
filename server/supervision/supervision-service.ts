// Supervision orders' closed loop (督办, DOMAIN.md §4): issue an order,
// publish it as a supervision.issued event (the sink: the in-process
// pipeline, or Kafka when deployed), apply the teams' answers as they come
// back through ingest, close or return it, and at the deadline remind the
// team, then alert the shift lead. Every step is in the order's history and
// the audit log, written in the transaction that makes the change.
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventSink } from '../../core/intake/event-sink.ts'
import type { Store, StoreQueryable } from '../../core/store/store.ts'
import type { SupervisionOutcome } from '../../schemas/events.ts'
import type { IssueInput } from '../../schemas/supervision.ts'
import type { AuditEntry, AuditLog } from '../audit/audit-log.ts'
import type { Principal } from '../access/access.ts'
import { actorOf } from '../access/access.ts'
import type { SupervisionAlerts } from './supervision-alerts.ts'
import { findTarget } from './supervision-targets.ts'
import { SupervisionStore, type Supervision } from './supervision-store.ts'
import type { TeamChannel } from './supervision-webhook.ts'

export const SOURCE = 'command-center'
const SYSTEM = { actor: 'system:supervision', role: 'system' }

/** A team's answer as ingest stored it (ClickHouse supervision_inbox). */
export interface Answer {
  event_id: string
  type: 'supervision.received' | 'supervision.replied'
  supervision_id: string
  occurred_at: Date
  source: string
  by: string
  reply: string
  stored_at: Date
}

/** A step of an order, told once it is stored (the operations log listens). overdue: the reminder at the deadline. */
export interface SupervisionEvent {
  kind: 'issued' | 'received' | 'replied' | 'overdue' | 'alerted' | 'returned' | 'closed'
  order: Supervision
  at: Date
  /** Who took the step: a username, a team's answerer, or null for the system. */
  by: string | null
}

export class SupervisionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 503,
    message: string,
  ) {
    super(message)
  }
}

export interface SupervisionServiceOptions {
  store: Store
  clickhouse: ClickHouseClient
  sink: EventSink
  audit: AuditLog
  alerts: SupervisionAlerts
  channel: TeamChannel
  /** The territory's center region: where orders on alerts count. */
  centerRegion: string
  alertAfterMinutes: number
  now: () => Date
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }
}

export class SupervisionService {
  readonly orders: SupervisionStore
  private readonly listeners: Array<(event: SupervisionEvent) => void> = []

  constructor(private readonly o: SupervisionServiceOptions) {
    this.orders = new SupervisionStore(o.store)
  }

  /** Told of every step once it is stored. */
  onEvent(listener: (event: SupervisionEvent) => void): void {
    this.listeners.push(listener)
  }

  async issue(input: IssueInput, who: Principal | null, address: string): Promise<Supervision> {
    const now = this.o.now()
    const target = await findTarget(this.o.clickhouse, input.target_type, input.target_id, this.o.centerRegion).catch((err: Error) => {
      throw err.name === 'TargetNotFoundError' ? new SupervisionError(404, err.message) : err
    })
    const team = input.team ?? target.team
    if (!team) throw new SupervisionError(400, `the ${input.target_type} ${input.target_id} has no team to default to: name the team`)
    const minutes = input.due_in_minutes ?? target.defaultDueMinutes
    const by = actorOf(who).actor
    const order: Supervision = {
      id: `SV-${randomUUID()}`,
      target_type: input.target_type,
      target_id: input.target_id,
      region: target.region,
      team,
      reason: input.reason,
      action: input.action,
      state: 'issued',
      round: 1,
      issued_by: by,
      created_at: now,
      issued_at: now,
      due_at: new Date(now.getTime() + minutes * 60_000),
      received_at: null,
      replied_at: null,
      reply: null,
      reminded_at: null,
      alerted_at: null,
      outcome: null,
      closed_at: null,
    }
    await this.o.store.transaction(async (tx) => {
      await this.orders.insert(tx, order)
      await this.orders.step(tx, order.id, { at: now, step: 'issued', by, detail: { due_at: order.due_at.toISOString(), team, round: 1 } })
      await this.audited(tx, { who, action: 'supervision.issue', target: order.id, address, outcome: 'allowed', detail: { target: `${order.target_type}:${order.target_id}`, team } })
      // Published before the commit: an order the sink refused is not kept.
      await this.publish([this.issuedEvent(order, by)])
    })
    this.tell({ kind: 'issued', order, at: now, by })
    await this.o.channel.post('issued', order)
    return order
  }

  async close(id: string, outcome: SupervisionOutcome, comment: string | undefined, who: Principal | null, address: string): Promise<Supervision> {
    const now = this.o.now()
    const by = actorOf(who).actor
    const closed = await this.o.store.transaction(async (tx) => {
      const order = await this.orders.lock(tx, id)
      if (!order) throw new SupervisionError(404, `no supervision order ${id}`)
      if (order.state !== 'replied') throw new SupervisionError(409, `supervision order ${id} is ${order.state}: only a replied order can be closed or returned`)
      const closedEvent = this.event(order, 'supervision.closed', now, { outcome, by, ...(comment ? { comment } : {}) })
      let next: Supervision
      if (outcome === 'accepted') {
        next = { ...order, state: 'closed', outcome, closed_at: now }
        await this.orders.update(tx, id, { state: 'closed', outcome, closed_at: now })
        await this.orders.step(tx, id, { at: now, step: 'closed', by, detail: { outcome, comment: comment ?? null } })
        await this.publish([closedEvent])
      } else {
        // Returned for rework: back to issued, a new round with the same span.
        const span = order.due_at.getTime() - order.issued_at.getTime()
        const round = { state: 'issued' as const, round: order.round + 1, issued_at: now, due_at: new Date(now.getTime() + span), received_at: null, replied_at: null, reply: null, reminded_at: null, alerted_at: null }
        next = { ...order, ...round }
        await this.orders.update(tx, id, round)
        await this.orders.step(tx, id, { at: now, step: 'returned', by, detail: { comment: comment ?? null, round: next.round, due_at: next.due_at.toISOString() } })
        await this.publish([closedEvent, this.issuedEvent(next, by)])
      }
      await this.audited(tx, { who, action: outcome === 'accepted' ? 'supervision.close' : 'supervision.return', target: id, address, outcome: 'allowed', detail: { comment: comment ?? null } })
      return { order, next }
    })
    this.tell({ kind: outcome === 'accepted' ? 'closed' : 'returned', order: closed.next, at: now, by })
    if (closed.order.alerted_at) await this.o.alerts.clear(closed.next, now)
    if (closed.next.state === 'issued') await this.o.channel.post('issued', closed.next)
    return closed.next
  }

  /** Applies a team's answer once (by its event id); an answer to an unknown order or an earlier round is only recorded. */
  async apply(answer: Answer): Promise<void> {
    // Set inside the transaction, told once it commits.
    const told: { event: SupervisionEvent | null } = { event: null }
    const cleared = await this.o.store.transaction(async (tx) => {
      const order = await this.orders.lock(tx, answer.supervision_id)
      if (!order) {
        this.o.logger.warn({ supervision_id: answer.supervision_id, event_id: answer.event_id }, 'an answer to an unknown supervision order')
        return null
      }
      const replied = answer.type === 'supervision.replied'
      const step = {
        at: answer.occurred_at,
        step: replied ? ('replied' as const) : ('received' as const),
        by: answer.by || null,
        detail: { source: answer.source, round: order.round, ...(replied ? { reply: answer.reply } : {}) },
      }
      if (!(await this.orders.step(tx, order.id, step, { id: answer.event_id, inboxAt: answer.stored_at }))) return null
      await this.audited(tx, { who: { actor: answer.by || answer.source, role: 'team' }, action: `supervision.${step.step}`, target: order.id, address: answer.source, outcome: 'allowed' })
      told.event = { kind: step.step, order: replied ? { ...order, reply: answer.reply } : order, at: answer.occurred_at, by: answer.by || null }
      const thisRound = answer.occurred_at.getTime() >= order.issued_at.getTime()
      if (!thisRound) return null
      if (replied && (order.state === 'issued' || order.state === 'received')) {
        await this.orders.update(tx, order.id, { state: 'replied', replied_at: answer.occurred_at, reply: answer.reply })
        return order.alerted_at ? { ...order, state: 'replied' as const } : null
      }
      if (!replied && order.state === 'issued') await this.orders.update(tx, order.id, { state: 'received', received_at: answer.occurred_at })
      return null
    })
    if (told.event) this.tell(told.event)
    if (cleared) await this.o.alerts.clear(cleared, this.o.now())
  }

  /** At the deadline a reminder to the team; `alertAfterMinutes` later, still unanswered, an alert to the shift lead. */
  async checkDeadlines(): Promise<void> {
    const now = this.o.now()
    for (const order of await this.orders.unanswered('reminded_at', now)) {
      await this.o.store.transaction(async (tx) => {
        await this.orders.update(tx, order.id, { reminded_at: now })
        await this.orders.step(tx, order.id, { at: now, step: 'reminded', by: null, detail: { due_at: order.due_at.toISOString(), round: order.round } })
        await this.audited(tx, { who: SYSTEM, action: 'supervision.remind', target: order.id, address: 'server', outcome: 'allowed' })
      })
      this.tell({ kind: 'overdue', order: { ...order, reminded_at: now }, at: now, by: null })
      await this.o.channel.post('reminder', { ...order, reminded_at: now })
    }
    const alertBefore = new Date(now.getTime() - this.o.alertAfterMinutes * 60_000)
    for (const order of await this.orders.unanswered('alerted_at', alertBefore)) {
      if (order.reminded_at === null) continue
      await this.o.store.transaction(async (tx) => {
        await this.orders.update(tx, order.id, { alerted_at: now })
        await this.orders.step(tx, order.id, { at: now, step: 'alerted', by: null, detail: { to: 'shift lead', round: order.round } })
        await this.audited(tx, { who: SYSTEM, action: 'supervision.alert', target: order.id, address: 'server', outcome: 'allowed' })
      })
      this.tell({ kind: 'alerted', order: { ...order, alerted_at: now }, at: now, by: null })
      await this.o.alerts.raise({ ...order, alerted_at: now }, now)
    }
  }

  private tell(event: SupervisionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (err) {
        this.o.logger.warn({ err: (err as Error).message }, 'supervision: a listener failed')
      }
    }
  }

  private audited(tx: StoreQueryable, entry: AuditEntry): Promise<void> {
    return this.o.audit.record(entry, tx)
  }

  private async publish(events: Record<string, unknown>[]): Promise<void> {
    const submission = await this.o.sink.submit(events.map((input) => ({ input, source: SOURCE })))
    const refused = submission.results.find((r) => !r.ok)
    if (refused && !refused.ok) throw new SupervisionError(503, `the supervision event could not be published: ${refused.reason}`)
    // Accepted is enough to commit the order: storing it is the sink's job,
    // and waiting for it here would hold the transaction for a batch.
    submission.durable.catch((err: Error) => this.o.logger.warn({ err: err.message }, 'a supervision event was accepted but not stored'))
  }

  private issuedEvent(o: Supervision, by: string): Record<string, unknown> {
    return this.event(o, 'supervision.issued', o.issued_at, {
      target_type: o.target_type,
      target_id: o.target_id,
      team: o.team,
      reason: o.reason,
      action: o.action,
      due_at: o.due_at.toISOString(),
      by,
    })
  }

  private event(o: Supervision, type: string, at: Date, fields: Record<string, unknown>): Record<string, unknown> {
    return { event_id: randomUUID(), type, occurred_at: at.toISOString(), source: SOURCE, region: o.region, schema_version: 1, supervision_id: o.id, ...fields }
  }
}
