// Shift handovers (交接班, DOMAIN.md §4): the draft of the shift at the
// nearest boundary (shift-boundaries.ts), built on request; the outgoing
// lead hands over with notes (the draft frozen then; again before the
// confirmation replaces it); the incoming lead confirms, and the record is
// frozen. Every step is audited and logged, in the transaction that makes it.
//
// Unconfirmed `remindAfterMinutes` after its boundary, a shift is due a
// reminder: one log entry (by its dedup key, once across restarts and
// servers), and `due()` lists it for the alert engine's handover_unconfirmed
// rule, which alerts the incoming lead through the notification pipeline.
// Only once the center hands over at all (a first record exists): a center
// that does not use handovers yet is not reminded of every shift.
// Both look at the time on every tick (observe), so an injected clock that
// crosses a boundary is all a test needs.
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Store } from '../../core/store/store.ts'
import type { Roster } from '../../schemas/alerting-config.ts'
import type { Handover, HandoverDraft, ShiftKpi } from '../../schemas/handover.ts'
import type { Principal } from '../access/access.ts'
import type { HandoverDue } from '../alerting/engine/tick-input.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { OperationsLog } from '../oplog/operations-log.ts'
import { buildDraft } from './handover-draft.ts'
import { HandoverStore } from './handover-store.ts'
import { handoverTarget, lastEnded, shiftKey, type HandoverTarget } from './shift-boundaries.ts'

type Person = Extract<Principal, { kind: 'person' }>

export class HandoverError extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface HandoverServiceOptions {
  store: Store
  clickhouse: ClickHouseClient
  log: OperationsLog
  audit: AuditLog
  figures(lo: number, hi: number, now: Date): Promise<ShiftKpi[]>
  roster: () => Roster | null
  timeZone: string
  remindAfterMinutes: number
  now: () => Date
}

const MIN = 60_000
/** How often the records of recent shifts are read again (another server may have confirmed one). */
const REFRESH_MS = 60_000
const RECENT_MS = 3 * 86_400_000

export class HandoverService {
  readonly records: HandoverStore
  private recent = new Map<string, { id: string; confirmed: boolean }>()
  private inUse = false
  private refreshedAt = -Infinity
  private readonly reminded = new Set<string>()

  constructor(private readonly o: HandoverServiceOptions) {
    this.records = new HandoverStore(o.store)
  }

  async draft(): Promise<HandoverDraft> {
    const now = this.o.now()
    const target = this.target(now)
    const [draft, handover] = await Promise.all([this.build(target, now), this.records.ofShift(target.outgoing.shift.date, target.outgoing.shift.id)])
    return { draft, handover }
  }

  /** The outgoing lead hands over: a new record, or the unconfirmed one of the shift replaced (created: false). */
  async handOver(notes: string, who: Person, address: string): Promise<{ handover: Handover; created: boolean }> {
    const now = this.o.now()
    const target = this.target(now)
    const content = await this.build(target, now)
    const { shift } = target.outgoing
    const { handover, created, entry } = await this.o.store.transaction(async (tx) => {
      const before = await this.records.ofShift(shift.date, shift.id, tx, true)
      if (before?.confirmed) throw frozen(before)
      const handover = await this.records.write(tx, {
        id: before?.id ?? randomUUID(),
        shift_date: shift.date,
        shift_id: shift.id,
        shift_name: shift.name,
        period_from: new Date(shift.startsAt),
        period_to: new Date(target.periodTo),
        boundary_at: new Date(target.boundary),
        team: target.outgoing.team,
        outgoing_lead: target.outgoing.lead,
        incoming_team: target.incoming.team,
        incoming_lead: target.incoming.lead,
        notes,
        content,
        handed_over_by: who.username,
        handed_over_name: who.displayName,
        handed_over_at: now,
      })
      const entry = await this.o.log.record(
        {
          at: now,
          category: 'shift',
          text: `${who.displayName} ${before ? '更新交班记录' : '交班'}：${shift.name}（${shift.date}）${notes ? `，${notes}` : ''}`,
          target: { type: 'handover', id: handover.id },
          kind: 'handover.handed_over',
          notable: false,
          key: `handover:${handover.id}:handed_over:${now.getTime()}`,
        },
        tx,
      )
      await this.o.audit.record({ who, action: before ? 'handover.update' : 'handover.hand_over', target: handover.id, address, outcome: 'allowed', detail: { shift: shiftKey(shift) } }, tx)
      return { handover, created: before === null, entry }
    })
    this.recent.set(shiftKey(shift), { id: handover.id, confirmed: false })
    this.inUse = true
    if (entry) this.o.log.tell(entry)
    return { handover, created }
  }

  /** The incoming lead confirms (接班确认): once, by someone other than who handed over; frozen from then on. */
  async confirm(id: string, who: Person, address: string): Promise<Handover> {
    const now = this.o.now()
    const { handover, entry } = await this.o.store.transaction(async (tx) => {
      const before = await this.records.lock(tx, id)
      if (!before) throw new HandoverError(404, 'not_found', `no handover ${id}`)
      if (before.confirmed) throw frozen(before)
      if (before.handed_over.by === who.username) throw new HandoverError(409, 'same_person', 'the lead who handed over cannot also confirm: the incoming lead confirms')
      const handover = await this.records.confirm(tx, id, { username: who.username, name: who.displayName }, now)
      const entry = await this.o.log.record(
        {
          at: now,
          category: 'shift',
          text: `${who.displayName} 接班确认：${handover.shift.name}（${handover.shift.date}），交班人 ${handover.handed_over.name}`,
          target: { type: 'handover', id },
          kind: 'handover.confirmed',
          notable: false,
          key: `handover:${id}:confirmed`,
        },
        tx,
      )
      await this.o.audit.record({ who, action: 'handover.confirm', target: id, address, outcome: 'allowed', detail: { shift: `${handover.shift.date}/${handover.shift.id}` } }, tx)
      return { handover, entry }
    })
    this.recent.set(`${handover.shift.date}/${handover.shift.id}`, { id, confirmed: true })
    if (entry) this.o.log.tell(entry)
    return handover
  }

  list(since: Date | undefined, limit: number): Promise<Handover[]> {
    return this.records.list(since, limit)
  }

  /** The shift that ended last, if it is still unconfirmed `remindAfterMinutes` after its boundary (for the alert rule). */
  due(at: number): HandoverDue[] {
    // Not before the records are read: a confirmed shift must not look unconfirmed for a tick after a start.
    if (this.refreshedAt === -Infinity || !this.inUse) return []
    const roster = this.o.roster()
    const ended = roster && lastEnded(roster, this.o.timeZone, at)
    if (!ended || at - ended.shift.endsAt < this.o.remindAfterMinutes * MIN) return []
    const key = shiftKey(ended.shift)
    const record = this.recent.get(key)
    if (record?.confirmed) return []
    const incoming = handoverTarget(roster, this.o.timeZone, ended.shift.endsAt)?.incoming ?? null
    return [
      {
        key,
        shift_name: ended.shift.name,
        date: ended.shift.date,
        boundary: ended.shift.endsAt,
        incoming_lead: incoming?.lead ?? null,
        handover_id: record?.id ?? null,
      },
    ]
  }

  /** On every tick: the recent records read again now and then, and the reminder's log entry written when one is due. */
  async observe(at: number): Promise<void> {
    if (at - this.refreshedAt >= REFRESH_MS || at < this.refreshedAt) {
      this.recent = await this.records.recent(new Date(at - RECENT_MS))
      this.inUse = this.recent.size > 0 || (await this.records.any())
      this.refreshedAt = at
    }
    for (const due of this.due(at)) {
      if (this.reminded.has(due.key)) continue
      const waiting = due.handover_id ? '已交班，接班值班长尚未确认' : '尚未交班'
      await this.o.log.report({
        at: new Date(at),
        category: 'shift',
        text: `${due.shift_name}（${due.date}）交接班超过 ${this.o.remindAfterMinutes} 分钟未确认：${waiting}${due.incoming_lead ? `，已提醒接班值班长 ${due.incoming_lead}` : ''}`,
        target: due.handover_id ? { type: 'handover', id: due.handover_id } : undefined,
        kind: 'handover.unconfirmed',
        notable: true,
        key: `handover:${due.key}:unconfirmed`,
      })
      this.reminded.add(due.key)
    }
  }

  private target(now: Date): HandoverTarget {
    const target = handoverTarget(this.o.roster(), this.o.timeZone, now.getTime())
    if (!target) throw new HandoverError(404, 'no_shift', 'no shift to hand over: the alerting configuration has no roster, or no shift has begun')
    return target
  }

  private build(target: HandoverTarget, now: Date) {
    return buildDraft({ store: this.o.store, clickhouse: this.o.clickhouse, log: this.o.log.entries, figures: this.o.figures }, target, now)
  }
}

function frozen(h: Handover): HandoverError {
  return new HandoverError(409, 'confirmed', `the handover of ${h.shift.name} (${h.shift.date}) was confirmed by ${h.confirmed!.name} at ${h.confirmed!.at} and is frozen: add a log entry instead`)
}
