// The rule engine (DOMAIN.md §3): every tick of the tick loop, over the whole
// territory and every region (watched by a screen or not), each rule judges
// its scopes; each scope's alert moves through its lifecycle (lifecycle.ts);
// silences and inhibition set their flags; what changed is written to the
// store (alerts and their history, one transaction per tick) and only then
// told to the listeners (the notification pipeline, the sockets). It is the
// AlertFeed of server/alerting/alert-feed.ts.
//
// The alerts in memory are the truth while the server runs: ticks, people's
// actions and config reloads run one after another, never interleaved, so
// the first acknowledgement wins without a race. A restart reads back every
// open alert and those resolved within the flap window, with their clocks,
// so nothing firing is forgotten and no hold starts again.
import { randomUUID } from 'node:crypto'
import type { Store, StoreQueryable } from '../../../core/store/store.ts'
import type { Rule } from '../../../schemas/alerting-config.ts'
import type { Alert } from '../../../schemas/alerts.ts'
import type { TickSnapshots } from '../../tick-loop.ts'
import type { EntitiesNow } from '../../kpi/kpi-engine.ts'
import type { UnansweredSupervision } from '../../supervision/unanswered-supervisions.ts'
import { HttpError } from '../../http-error.ts'
import type { AlertChange, AlertFeed, Escalator } from '../alert-feed.ts'
import type { AlertingConfig, AlertingConfigSource } from '../config/config-source.ts'
import { firstEscalationAt } from '../escalation-start.ts'
import { isOpen, touch, viewOf, type AlertRecord } from './alert-record.ts'
import { readAlert, readHeld, writeAlertChanges, type HistoryRow } from './alert-rows.ts'
import { compileRules, slotFingerprint, type CompiledRule } from './compiled-rule.ts'
import { inhibitions } from './inhibition.ts'
import { advance, begin, closeAlert, handLatched, type Move } from './lifecycle.ts'
import type { RuleContext } from './rule-evaluator.ts'
import type { SilenceBook } from './silences.ts'
import type { DisplayNow, HandoverDue, TickInput } from './tick-input.ts'
import { FLAP_WINDOW_MS, VALUE_WRITE_MS, VALUE_WRITES_PER_TICK } from './timing.ts'
import type { TransitionCopy } from './transition-copy.ts'
import type { Verdict } from './verdict.ts'

/** What rules read beside the snapshots, asked for only when a rule needs it. */
export interface EngineSources {
  entities(at: number): EntitiesNow
  supervisions(): UnansweredSupervision[]
  displays(at: number): DisplayNow[]
  deadLettersPerMinute(source: string | null): number | null
  /** Shifts whose handover is unconfirmed past the reminder time (none when the app runs no handovers). */
  handovers?(at: number): HandoverDue[]
}

export interface EngineLogger {
  error(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export interface AlertEngineOptions {
  store: Store
  config: AlertingConfigSource
  context: RuleContext
  sources: EngineSources
  silences: SilenceBook
  now: () => Date
  logger: EngineLogger
  /** The copy of transitions into ClickHouse; null in tests that do not need it. */
  transitions: TransitionCopy | null
}

/** A person acting on an alert. */
export interface Actor {
  username: string
  displayName: string
}

/** Writes the audit entry of an action in the transaction that records it. */
export type AuditWrite = (tx: StoreQueryable) => Promise<void>

const ENGINE = 'engine'
const clocksOf = (r: AlertRecord) => `${r.state}|${r.pending_since}|${r.clear_since}`

export class AlertEngine implements AlertFeed {
  private rules: CompiledRule[] = []
  private problems: Array<{ rule: string; problem: string }> = []
  private readonly listeners: Array<(change: AlertChange) => void> = []
  private queue: Promise<void> = Promise.resolve()
  private judging = false
  /** What the last tick cost: judging every rule in memory, then writing what changed to the store (ms). */
  readonly lastTick = { judgeMs: 0, writeMs: 0 }
  /** Records changed since they were last written, and history not yet written (kept across a failed write). */
  private readonly dirty = new Set<AlertRecord>()
  /** Stored records whose value is all that changed since written, due now: written without the rest of the record. */
  private readonly values = new Set<AlertRecord>()
  private readonly pending: HistoryRow[] = []
  /** Open alerts whose value moved, with when it first moved since written: written VALUE_WRITE_MS later, not every tick. */
  private readonly moved = new Map<AlertRecord, number>()
  private readonly failedRules = new Set<string>()
  private escalator: Escalator | null = null

  constructor(private readonly opts: AlertEngineOptions) {}

  /** Reads back the alerts held before a restart and compiles the rules in force; config changes apply from then on. */
  async start(): Promise<void> {
    const at = this.opts.now().getTime()
    await this.opts.silences.load(at)
    const held = await readHeld(this.opts.store, at - FLAP_WINDOW_MS)
    await this.serial(async () => {
      this.install(this.opts.config.current(), held, new Map(), at)
      await this.flush(at)
    })
    this.opts.config.onChange((config) => void this.serial(() => this.reload(config)))
    void this.opts.transitions?.copyNow()
  }

  /** Waits for the work under way (a tick being judged, an action) and the copy to ClickHouse: the app calls it as it closes. */
  async stop(): Promise<void> {
    await this.queue
    await this.opts.transitions?.copyNow()
  }

  /** The notification pipeline's "escalate now": a lead's escalation is recorded, then handed to it. */
  useEscalator(escalator: Escalator): void {
    this.escalator = escalator
  }

  /** Rules of the configuration in force that could not be compiled, with why. */
  ruleProblems(): ReadonlyArray<{ rule: string; problem: string }> {
    return this.problems
  }

  /** The rule in force with this id and the kind of scope its alerts are per (null: the total); undefined when none is. */
  ruleInForce(ruleId: string): { rule: Rule; dimension: string | null } | undefined {
    const c = this.rules.find((r) => r.rule.id === ruleId)
    return c && { rule: c.rule, dimension: c.evaluator.dimension }
  }

  /** Regions whose own snapshot some rule reads: the tick loop computes them every tick. */
  regions(): string[] {
    return [...new Set(this.rules.flatMap((c) => c.evaluator.regions))]
  }

  /** The tick loop's observer: judges the tick unless the last one is still being judged (the next will be). */
  observe(tick: TickSnapshots): void {
    if (this.judging) return
    this.judging = true
    void this.evaluate(tick).finally(() => {
      this.judging = false
    })
  }

  /** Judges one tick; resolves when its changes are written and told. */
  evaluate(tick: TickSnapshots): Promise<void> {
    return this.serial(() => this.judge(tick))
  }

  // ---- AlertFeed ----

  onChange(listener: (change: AlertChange) => void): void {
    this.listeners.push(listener)
  }

  current(): Alert[] {
    return this.records().map(viewOf)
  }

  get(id: string): Alert | undefined {
    const r = this.find(id)
    return r && viewOf(r)
  }

  escalated(id: string, tier: number, nextAt: Date | null, receivers: string[]): Promise<void> {
    return this.serial(async () => {
      const r = this.find(id)
      if (r === undefined || !isOpen(r)) return
      const at = this.opts.now().getTime()
      r.escalation = { tier, next_at: nextAt?.getTime() ?? null }
      touch(r)
      this.note(r, { kind: 'escalated', comment: null, detail: { tier, receivers, next_at: nextAt?.toISOString() ?? null } }, at, ENGINE)
      await this.flush(at)
    })
  }

  // ---- people's actions ----

  /** 签收: the first acknowledgement wins; a second is refused with who was first. */
  acknowledge(id: string, who: Actor, comment: string, audit: AuditWrite): Promise<Alert> {
    return this.act(id, who, audit, (r, at) => {
      if (r.acknowledged !== null) {
        const first = r.acknowledged
        throw new HttpError(409, 'already_acknowledged', `already acknowledged by ${first.display_name} (${first.by}) at ${new Date(first.at).toISOString()}`)
      }
      if (r.state !== 'firing') throw new HttpError(409, 'not_firing', `only a firing alert is acknowledged; this one is ${r.state}`)
      r.state = 'acknowledged'
      r.acknowledged = { by: who.username, display_name: who.displayName, at, comment }
      touch(r)
      return { kind: 'acknowledged', comment, detail: {} }
    })
  }

  /** 销号: closes an open alert by hand; a critical one only with a comment saying why. */
  resolve(id: string, who: Actor, comment: string, audit: AuditWrite): Promise<Alert> {
    return this.act(id, who, audit, (r, at) => {
      if (!isOpen(r)) throw new HttpError(409, 'already_resolved', `already resolved at ${new Date(r.resolved_at!).toISOString()}`)
      if (r.severity === 'critical' && comment.trim() === '') throw new HttpError(400, 'comment_required', 'resolving a critical alert by hand needs a comment saying why')
      return closeAlert(r, at, { by: who.username, comment }, { by_hand: true })
    })
  }

  /** A lead sends the alert up a tier now: recorded, then handed to the pipeline (useEscalator), which notifies that tier. */
  async escalate(id: string, who: Actor, comment: string, audit: AuditWrite): Promise<Alert> {
    // Refused before anything is recorded: an escalation nobody would hear of is not one.
    const unavailable = this.escalator?.unavailable() ?? null
    if (unavailable !== null) throw new HttpError(409, 'no_escalation_policy', unavailable)
    const alert = await this.act(id, who, audit, (r) => {
      if (r.state !== 'firing' && r.state !== 'acknowledged') throw new HttpError(409, 'not_firing', `only a firing or acknowledged alert is escalated; this one is ${r.state}`)
      return { kind: 'escalated', comment, detail: { by_hand: true, tier: r.escalation.tier } }
    })
    await this.escalator?.escalateNow(alert, who.username, comment)
    return alert
  }

  /** Runs after the silences changed, so that flags follow at once rather than at the next tick. */
  silencesChanged(): Promise<void> {
    return this.serial(async () => {
      const at = this.opts.now().getTime()
      this.applyNoise(at)
      await this.flush(at)
    })
  }

  // ---- inside ----

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  private records(): AlertRecord[] {
    return this.rules.flatMap((c) => [...c.slots.values()].map((s) => s.alert))
  }

  private find(id: string): AlertRecord | undefined {
    for (const c of this.rules) for (const s of c.slots.values()) if (s.alert.id === id) return s.alert
    return undefined
  }

  // An action changes the record, writes it with its history entry and its
  // audit entry in one transaction, and is undone in memory when that fails.
  private act(id: string, who: Actor, audit: AuditWrite, change: (r: AlertRecord, at: number) => Move): Promise<Alert> {
    return this.serial(async () => {
      const r = this.find(id)
      if (r === undefined) {
        // Resolved past the flap window: in the store only, and closed for good.
        const stored = await readAlert(this.opts.store, id)
        if (stored !== undefined) throw new HttpError(409, 'already_resolved', `already resolved at ${new Date(stored.resolved_at!).toISOString()}`)
        throw new HttpError(404, 'not_found', `no alert ${id}`)
      }
      const at = this.opts.now().getTime()
      const before = { ...r }
      const move = change(r, at)
      touch(r)
      const entry: HistoryRow = { alert: r, at, kind: move.kind, actor: who.username, comment: move.comment, detail: move.detail }
      try {
        await this.opts.store.transaction(async (tx) => {
          await writeAlertChanges(tx, { records: [r], moved: [], history: [entry] }, at)
          await audit(tx)
        })
      } catch (err) {
        Object.assign(r, before, { view: null })
        throw err
      }
      this.tell([entry])
      void this.opts.transitions?.copyNow()
      return viewOf(r)
    })
  }

  private install(config: AlertingConfig, held: AlertRecord[], identities: ReadonlyMap<string, string>, at: number): void {
    const compiled = compileRules(config.rules, this.opts.context)
    for (const p of compiled.problems) {
      if (!this.problems.some((q) => q.rule === p.rule && q.problem === p.problem)) this.opts.logger.warn(p, 'alert rule left out: it cannot be judged as written')
    }
    this.rules = compiled.rules
    this.problems = compiled.problems
    const byId = new Map(this.rules.map((c) => [c.rule.id, c]))
    for (const r of held) {
      const c = byId.get(r.rule_id)
      const same = c !== undefined && (identities.get(r.rule_id) ?? c.identity) === c.identity && slotFingerprint(c, r.scope_key) === r.fingerprint
      if (same) {
        c.slots.set(r.scope_key, { key: r.scope_key, alert: r })
        if (r.rule_name !== c.rule.name || r.severity !== c.rule.severity) {
          r.rule_name = c.rule.name
          r.severity = c.rule.severity
          r.labels = { ...r.labels, ...c.labels }
          r.summary = c.evaluator.summary(r)
          touch(r)
          this.dirty.add(r)
        }
      } else if (isOpen(r)) {
        this.note(r, closeAlert(r, at, null, { reason: 'its rule was removed, disabled or now judges something else' }), at, ENGINE)
      }
    }
  }

  private async reload(config: AlertingConfig): Promise<void> {
    const at = this.opts.now().getTime()
    const identities = new Map(this.rules.map((c) => [c.rule.id, c.identity]))
    this.install(config, this.records(), identities, at)
    this.applyNoise(at)
    await this.flush(at)
  }

  private async judge(tick: TickSnapshots): Promise<void> {
    const started = performance.now()
    const at = tick.at.getTime()
    let entities: EntitiesNow | undefined
    const input: TickInput = {
      at,
      territory: tick.territory,
      regions: tick.regions,
      complete: tick.complete,
      entities: () => (entities ??= this.opts.sources.entities(at)),
      supervisions: () => this.opts.sources.supervisions(),
      displays: () => this.opts.sources.displays(at),
      deadLettersPerMinute: (source) => this.opts.sources.deadLettersPerMinute(source),
      handovers: () => this.opts.sources.handovers?.(at) ?? [],
    }
    // A failed tick's figures are the last good ones, and while the first
    // start's history still loads they are half a day: only the data rules
    // (which judge exactly that) look at such a tick. Judging half-loaded
    // orders would page people for orders whose later events are still coming.
    const trusted = tick.complete && tick.territory.loading === null
    for (const c of this.rules) {
      if (!trusted && c.rule.kind !== 'data') continue
      const seen = new Set<string>()
      try {
        c.evaluator.evaluate(input, (key, verdict, value, threshold, subject) => {
          seen.add(key)
          this.apply(c, key, verdict, value, threshold, subject, at)
        })
        this.failedRules.delete(c.rule.id)
      } catch (err) {
        if (!this.failedRules.has(c.rule.id)) this.opts.logger.error({ err, rule: c.rule.id }, 'alert rule failed to evaluate; its alerts keep their state')
        this.failedRules.add(c.rule.id)
        continue
      }
      for (const [key, slot] of c.slots) {
        if (!seen.has(key)) this.step(c, slot.alert, c.evaluator.absent, at)
        // Past the flap window a resolved alert is history: a new condition is a new alert.
        // (One closed by hand is kept while its condition still holds, so that it does not come back as new.)
        if (slot.alert.state === 'resolved' && at - slot.alert.resolved_at! > FLAP_WINDOW_MS && !handLatched(slot.alert)) c.slots.delete(key)
      }
    }
    this.applyNoise(at)
    // Values are written VALUE_WRITE_MS after they first moved, a few per
    // tick: hundreds of alerts moving together are written over several
    // ticks, not in one long write every 15 s. Oldest first (insertion order).
    let budget = VALUE_WRITES_PER_TICK
    for (const [r, since] of this.moved) {
      if (budget === 0 || at - since < VALUE_WRITE_MS) break
      this.values.add(r)
      this.moved.delete(r)
      budget -= 1
    }
    const judged = performance.now()
    await this.flush(at)
    this.lastTick.judgeMs = judged - started
    this.lastTick.writeMs = performance.now() - judged
  }

  private apply(c: CompiledRule, key: string, verdict: Verdict, value: number | null, threshold: number | null, subject: unknown, at: number): void {
    const slot = c.slots.get(key)
    if (slot === undefined) {
      if (verdict === 'fire') this.open(c, key, value, threshold, subject, at)
      return
    }
    const r = slot.alert
    if (verdict !== 'none' && isOpen(r) && (r.value !== value || r.threshold !== threshold)) {
      r.value = value
      r.threshold = threshold
      r.summary = c.evaluator.summary(r)
      touch(r)
      if (!this.moved.has(r)) this.moved.set(r, at)
    }
    if (r.state === 'resolved' && verdict === 'fire') {
      // Back within the flap window: the same alert, with the value that brought it back.
      r.value = value
      r.threshold = threshold
      r.summary = c.evaluator.summary(r)
    }
    this.step(c, r, verdict, at)
  }

  private step(c: CompiledRule, r: AlertRecord, verdict: Verdict, at: number): void {
    const clocks = clocksOf(r)
    const move = advance(r, verdict, at, c.timing)
    if (move !== null) this.note(r, move, at, ENGINE)
    else if (clocksOf(r) !== clocks) this.dirty.add(r)
  }

  private open(c: CompiledRule, key: string, value: number | null, threshold: number | null, subject: unknown, at: number): void {
    const d = c.evaluator.describe(key, subject)
    const r: AlertRecord = {
      id: randomUUID(),
      fingerprint: slotFingerprint(c, key),
      rule_id: c.rule.id,
      rule_name: c.rule.name,
      kind: c.rule.kind,
      severity: c.rule.severity,
      scope_key: key,
      labels: { ...c.labels, ...d.labels },
      summary: '',
      value,
      threshold,
      annotations: d.annotations,
      state: 'pending',
      started_at: at,
      pending_since: null,
      fired_at: null,
      resolved_at: null,
      clear_since: null,
      acknowledged: null,
      resolved_by: null,
      silenced: false,
      inhibited_by: null,
      escalation: { tier: 0, next_at: null },
      view: null,
    }
    r.summary = c.evaluator.summary(r)
    c.slots.set(key, { key, alert: r })
    this.note(r, begin(r, at, c.timing), at, ENGINE)
  }

  // Silences and inhibition, after the rules: an open alert's flags follow them.
  private applyNoise(at: number): void {
    // Every open alert, every tick: walked in place, not copied into an array first.
    for (const c of this.rules) {
      for (const { alert: r } of c.slots.values()) {
        if (!isOpen(r)) continue
        const silenced = this.opts.silences.covers(r.labels, at)
        if (silenced === r.silenced) continue
        r.silenced = silenced
        touch(r)
        this.note(r, { kind: silenced ? 'silenced' : 'unsilenced', comment: null, detail: {} }, at, ENGINE)
      }
    }
    for (const [r, by] of inhibitions(this.rules)) {
      if (r.inhibited_by === by) continue
      r.inhibited_by = by
      touch(r)
      this.note(r, { kind: by === null ? 'released' : 'inhibited', comment: null, detail: by === null ? {} : { by } }, at, ENGINE)
    }
  }

  private note(r: AlertRecord, move: Move, at: number, actor: string): void {
    // Firing (again): when the first tier is due if nobody acknowledges, shown from the start.
    if ((move.kind === 'firing' || move.kind === 'reopened') && !r.silenced && r.inhibited_by === null) {
      r.escalation = { tier: 0, next_at: firstEscalationAt(this.opts.config.current().escalation, r.severity, at) }
    }
    this.dirty.add(r)
    this.moved.delete(r)
    this.pending.push({ alert: r, at, kind: move.kind, actor, comment: move.comment, detail: move.detail })
  }

  // Writes what changed in one transaction, then tells the listeners. A
  // failed write keeps everything for the next try: nothing is told that is
  // not in the store.
  private async flush(at: number): Promise<void> {
    if (this.dirty.size === 0 && this.values.size === 0 && this.pending.length === 0) return
    const records = [...this.dirty]
    const values = [...this.values].filter((r) => !this.dirty.has(r))
    const history = [...this.pending]
    try {
      await writeAlertChanges(this.opts.store, { records, moved: values, history }, at)
    } catch (err) {
      this.opts.logger.error({ err }, 'alerts: writing to the store failed; the changes are kept and written with the next tick')
      return
    }
    for (const r of records) this.dirty.delete(r)
    this.values.clear()
    this.pending.splice(0, history.length)
    this.tell(history)
    if (history.length > 0) void this.opts.transitions?.copyNow()
  }

  private tell(history: readonly HistoryRow[]): void {
    for (const h of history) {
      const change: AlertChange = { alert: viewOf(h.alert), kind: h.kind, at: new Date(h.at), actor: h.actor }
      for (const listener of this.listeners) {
        try {
          listener(change)
        } catch (err) {
          this.opts.logger.error({ err }, 'alert listener failed')
        }
      }
    }
  }
}
