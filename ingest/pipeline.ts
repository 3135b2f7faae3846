// The ingest pipeline, independent of transport: decode → validate →
// deduplicate → batch → insert. Sources (the simulator, a file replay, the
// HTTP intake, Kafka consumers) hand it inputs with `submit` and learn, per
// input, whether it was accepted; `durable` tells them when what they handed
// over is stored, which is when a Kafka consumer may commit its offsets.
//
// Guarantees: nothing valid is lost (a failed insert keeps its batch and is
// retried with backoff; a full buffer makes `submit` wait, pausing the
// source); replays change nothing (see dedupe.ts); an insert that failed or
// was killed half-way is completed, never doubled (batch-write.ts, and
// insert-journal.ts across a crash); each event counts in the minute of its
// own occurred_at; bad input is dead-lettered with its reason and never stops
// the flow.
import type { ClickHouseClient } from '@clickhouse/client'
import type { DomainEvent } from '../schemas/events.ts'
import type { SlaRule } from '../schemas/sla.ts'
import type { IngestConfig } from './config.ts'
import { newBatchToken, writeBatch, type StoredBatch } from './batch-write.ts'
import { insertDeadLetters, type DeadLetter } from './dead-letters.ts'
import { decode } from '../core/intake/decode.ts'
import { Deduplicator } from './dedupe.ts'
import type { ItemResult, SubmitItem, Submission } from '../core/intake/event-sink.ts'
import { EntityProjector } from './entities/entity-projector.ts'
import { IngestMetrics } from './ingest-metrics.ts'
import { createMetricsRegistry, type Registry } from '../core/metrics/registry.ts'
import type { InsertJournal } from './insert-journal.ts'
import { chTime } from '../core/time-format.ts'
import { SourceLiveness } from './source-liveness.ts'

export interface PipelineLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface PipelineOptions {
  client: ClickHouseClient
  config: IngestConfig
  slaRules: SlaRule[]
  logger: PipelineLogger
  /** Where batches wait while being inserted, for repair after a crash. */
  journal?: InsertJournal
  /** The process's Prometheus registry; a registry of its own when absent. */
  metrics?: Registry
  now?: () => number
}

class Ticket {
  remaining = 0
  readonly done: Promise<void>
  resolve!: () => void
  constructor() {
    this.done = new Promise((resolve) => (this.resolve = resolve))
  }
  settle(n: number): void {
    this.remaining -= n
    if (this.remaining === 0) this.resolve()
  }
}

interface Entry {
  event: DomainEvent
  ticket: Ticket
  at: number
  source: string
}

interface DeadEntry {
  row: DeadLetter
  ticket: Ticket
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class IngestPipeline {
  private readonly client: ClickHouseClient
  private readonly config: IngestConfig
  private readonly logger: PipelineLogger
  private readonly now: () => number
  private readonly journal: InsertJournal | undefined
  private readonly dedupe: Deduplicator
  readonly projector: EntityProjector
  readonly metrics: IngestMetrics
  /** Whether data flows from each source; sources that poll note their polls here too. */
  readonly liveness: SourceLiveness
  private pending: Entry[] = []
  /** Events taken from `pending` into a batch that is not stored yet. */
  private inFlight = 0
  private dead: DeadEntry[] = []
  private spaceWaiters: (() => void)[] = []
  private timer: NodeJS.Timeout | undefined
  private pumping: Promise<void> | undefined
  private stopping = false
  private failing = false

  constructor(opts: PipelineOptions) {
    this.client = opts.client
    this.config = opts.config
    this.logger = opts.logger
    this.now = opts.now ?? Date.now
    this.journal = opts.journal
    this.dedupe = new Deduplicator(opts.client)
    this.projector = new EntityProjector(opts.client, opts.slaRules)
    this.liveness = new SourceLiveness(opts.client, opts.logger, this.now)
    this.metrics = new IngestMetrics(opts.metrics ?? createMetricsRegistry({ processMetrics: false }), () => this.buffered)
  }

  /**
   * Completes the batches a killed process left in the journal. Call it once
   * before any source starts, while their tokens are among the last blocks
   * each table remembers. Returns how many batches it wrote again.
   */
  async recover(): Promise<number> {
    if (!this.journal) return 0
    const batches = await this.journal.unfinished()
    for (const batch of batches) {
      await this.retrying(batch.events.length, () => writeBatch(this.client, batch))
      await this.journal.remove(batch.token)
    }
    if (batches.length > 0) {
      const events = batches.reduce((n, b) => n + b.events.length, 0)
      this.logger.info({ batches: batches.length, events }, 'ingest: completed the inserts interrupted by the last stop')
    }
    return batches.length
  }

  /** Events waiting to be stored. */
  get buffered(): number {
    return this.pending.length + this.inFlight
  }

  async submit(items: SubmitItem[]): Promise<Submission> {
    if (this.stopping) throw new Error('the ingest pipeline is stopping')
    while (this.buffered >= this.config.maxBufferRows) {
      this.metrics.pausedTotal += 1
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve))
    }
    const now = this.now()
    const ticket = new Ticket()
    const results: ItemResult[] = []
    const receivedAt = chTime(now)
    const delivered = new Map<string, { n: number; newest: string | null }>()
    for (const item of items) {
      const decoded = decode(item.input, now, this.config)
      const seen = delivered.get(item.source) ?? { n: 0, newest: null }
      delivered.set(item.source, seen)
      if (decoded.ok) {
        seen.n += 1
        if (seen.newest === null || decoded.event.occurred_at > seen.newest) seen.newest = decoded.event.occurred_at
        this.pending.push({ event: decoded.event, ticket, at: now, source: item.source })
        results.push({ ok: true, event_id: decoded.event.event_id, type: decoded.event.type })
      } else {
        this.dead.push({
          ticket,
          row: {
            received_at: receivedAt,
            source: item.source,
            reason_code: decoded.code,
            reason: decoded.reason,
            payload: decoded.payload,
            payload_bytes: decoded.payloadBytes,
          },
        })
        this.metrics.rejected(decoded.code)
        results.push({ ok: false, code: decoded.code, reason: decoded.reason })
      }
    }
    for (const [source, { n, newest }] of delivered) this.liveness.delivered(source, n, newest)
    ticket.remaining = items.length
    if (items.length === 0) ticket.resolve()
    this.metrics.acceptedTotal += results.filter((r) => r.ok).length
    this.schedule()
    return { results, durable: ticket.done }
  }

  /** Stores everything buffered now; resolves when it is stored. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.dead.length > 0 || this.pumping) {
      if (!this.pumping) this.pumping = this.pump(true)
      await this.pumping
    }
  }

  /**
   * Stops accepting input and stores what is buffered. With `timeoutMs`, gives
   * up waiting for a store that keeps failing and returns how many events it
   * could not store (a Kafka source will be redelivered them); without it,
   * waits as long as storing takes.
   */
  async stop(timeoutMs?: number): Promise<{ unstored: number }> {
    this.stopping = true
    clearTimeout(this.timer)
    this.timer = undefined
    if (timeoutMs === undefined) {
      await this.flush()
      await this.liveness.stop()
      return { unstored: 0 }
    }
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
    const ok = await Promise.race([this.flush().then(() => true), timedOut])
    clearTimeout(timer)
    await this.liveness.stop()
    return { unstored: ok ? 0 : this.buffered }
  }

  private schedule(): void {
    if (this.pumping) return
    if (this.pending.length >= this.config.batchRows) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.pumping = this.pump(false)
      return
    }
    if (this.timer === undefined && (this.pending.length > 0 || this.dead.length > 0)) {
      const oldest = this.pending[0]?.at ?? this.now()
      const wait = Math.max(0, oldest + this.config.batchMs - this.now())
      this.timer = setTimeout(() => {
        this.timer = undefined
        this.pumping ??= this.pump(false)
      }, wait)
    }
  }

  // Batches leave the buffer in arrival order. Two stages overlap: while one
  // batch is being stored, the next is prepared (deduplicated and projected),
  // which keeps both the engine's insert threads and this thread busy.
  // Stores run one at a time, in order.
  private async pump(drain: boolean): Promise<void> {
    let storing: Promise<void> = Promise.resolve()
    try {
      for (;;) {
        const full = this.pending.length >= this.config.batchRows
        const aged = this.pending.length > 0 && this.now() - this.pending[0].at >= this.config.batchMs
        if (!(full || aged || this.dead.length > 0 || (drain && this.pending.length > 0))) break
        const batch = this.pending.splice(0, this.config.batchRows)
        const dead = this.dead.splice(0)
        this.inFlight += batch.length
        const prepared = await this.retrying(batch.length, () => this.prepare(batch.map((e) => e.event)))
        // Journaled before its insert can start, while the previous batch is
        // still being stored: off the insert's path.
        const journal = this.journal
        if (journal && prepared) await this.retrying(batch.length, () => journal.write(prepared))
        await storing
        let deadStored = dead.length === 0
        storing = this.retrying(batch.length, async () => {
          if (!deadStored) {
            await insertDeadLetters(this.client, dead.map((d) => d.row))
            deadStored = true
            for (const d of dead) d.ticket.settle(1)
          }
          await this.store(prepared)
        }).then(() => this.settle(batch))
      }
    } finally {
      await storing
      this.pumping = undefined
      this.schedule()
    }
  }

  /** Runs `operation` until it succeeds, backing off, logging once per failure streak. */
  private async retrying<T>(rows: number, operation: () => Promise<T>): Promise<T> {
    const started = this.now()
    let delay = this.config.retryDelayMs
    for (;;) {
      try {
        const result = await operation()
        if (this.failing) {
          this.failing = false
          this.logger.info({ rows, waited_ms: this.now() - started }, 'ingest: inserts succeed again')
        }
        return result
      } catch (err) {
        this.metrics.insertFailuresTotal += 1
        if (!this.failing) {
          this.failing = true
          this.logger.error({ err: (err as Error).message, rows }, 'ingest: insert failed, keeping the batch and retrying')
        }
        if (this.stopping && this.now() - started > 60_000) throw err
        await sleep(delay)
        delay = Math.min(delay * 2, this.config.maxRetryDelayMs)
      }
    }
  }

  private async prepare(events: DomainEvent[]): Promise<StoredBatch | null> {
    const { fresh, duplicates } = await this.dedupe.fresh(events)
    // Sorting by occurred_at folds each entity's events in the order they happened.
    fresh.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0))
    const projection = fresh.length > 0 ? await this.projector.project(fresh, chTime(this.now())) : null
    // From here on this batch is retried until stored, so the next batch may
    // already build on its states and treat its ids as seen.
    projection?.commit()
    this.dedupe.remember(fresh)
    this.metrics.duplicatesTotal += duplicates
    if (!projection) return null
    const { workorders, outages, agents, supervisions, eventRows } = projection
    return { token: newBatchToken(this.now()), workorders, outages, agents, supervisions, events: eventRows }
  }

  // Every attempt writes the very same rows under the same token: one that
  // failed half-way (or whose answer was lost) is completed, not doubled.
  private async store(batch: StoredBatch | null): Promise<void> {
    if (!batch) return
    await writeBatch(this.client, batch)
    await this.journal?.remove(batch.token)
    this.metrics.insertedTotal += batch.events.length
  }

  // The batch is stored: its sources learn it, and paused sources may go on.
  private settle(batch: Entry[]): void {
    this.inFlight -= batch.length
    const counts = new Map<Ticket, number>()
    const bySource = new Map<string, number>()
    for (const e of batch) {
      counts.set(e.ticket, (counts.get(e.ticket) ?? 0) + 1)
      bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1)
    }
    for (const [ticket, n] of counts) ticket.settle(n)
    for (const [source, n] of bySource) this.liveness.stored(source, n)
    if (batch.length > 0) this.metrics.batchStored(this.now() - batch[0].at, batch)
    while (this.buffered < this.config.maxBufferRows && this.spaceWaiters.length > 0) this.spaceWaiters.shift()!()
  }
}
