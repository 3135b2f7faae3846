// Whether data flows from each source, told apart from whether events
// happen (a quiet night is not a broken pipe). The pipeline notes what each
// source delivers and what is still waiting to be stored; a polling source
// (the simulator's clock loop, a Kafka consumer's fetch loop) also notes
// every poll, even one that brought nothing. Every few seconds one row per
// source is written to ClickHouse `ingest_sources` (migration 009), where
// the server reads the state of every process's sources, embedded or
// deployed alike.
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, chTimeOrNull } from '../core/time-format.ts'

/** How often every source's state is written; the server's view of a source is at most this old. */
export const REPORT_EVERY_MS = 2000

interface SourceState {
  polling: boolean
  lastActiveAt: number
  newestEventAt: string | null
  /** Arrival time of each batch of events still waiting to be stored, oldest first, with its size. */
  pending: Array<{ at: number; n: number }>
  lagMessages: number | null
  loadingProgress: number | null
}

/**
 * The name a source is reported under: a Kafka partition's events count for
 * its topic (`kafka:cc.calls/2` → `kafka:cc.calls`), a replayed file is `file`.
 */
export function sourceFamily(source: string): string {
  if (source.startsWith('kafka:')) return source.replace(/\/\d+$/, '')
  if (source.startsWith('file:')) return 'file'
  return source
}

export interface LivenessLogger {
  warn(obj: object, msg: string): void
}

export class SourceLiveness {
  private readonly sources = new Map<string, SourceState>()
  private readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private failing = false
  private stopped = false
  private seq = 0

  constructor(
    private readonly client: ClickHouseClient,
    private readonly logger: LivenessLogger,
    private readonly now: () => number = Date.now,
  ) {}

  private state(source: string, polling = false): SourceState {
    const name = sourceFamily(source)
    let s = this.sources.get(name)
    if (!s) {
      s = { polling, lastActiveAt: this.now(), newestEventAt: null, pending: [], lagMessages: null, loadingProgress: null }
      this.sources.set(name, s)
      // Reporting starts with the first source: a pipeline nobody feeds has nothing to say.
      if (!this.stopped) this.start()
    }
    if (polling) s.polling = true
    return s
  }

  /** A polling source asked for events (whether or not any came): its flow is alive. */
  polled(source: string): void {
    this.state(source, true).lastActiveAt = this.now()
  }

  /** Events were handed over by a source; `newest` is the latest occurred_at among them. */
  delivered(source: string, n: number, newest: string | null): void {
    const s = this.state(source)
    const at = this.now()
    s.lastActiveAt = at
    if (newest !== null && (s.newestEventAt === null || newest > s.newestEventAt)) s.newestEventAt = newest
    if (n > 0) s.pending.push({ at, n })
  }

  /** `n` of a source's events handed over earliest are stored (or dead-lettered). */
  stored(source: string, n: number): void {
    const s = this.sources.get(sourceFamily(source))
    if (!s) return
    let left = n
    while (left > 0 && s.pending.length > 0) {
      const first = s.pending[0]
      const take = Math.min(left, first.n)
      first.n -= take
      left -= take
      if (first.n === 0) s.pending.shift()
    }
  }

  /** Messages waiting in Kafka for this consumer group on a source's topic. */
  lag(source: string, messages: number | null): void {
    this.state(source, true).lagMessages = messages
  }

  /** A history load (backfill) in progress, 0–1, or null when done. */
  loading(source: string, progress: number | null): void {
    this.state(source).loadingProgress = progress
  }

  /** Writes the state of every source every `intervalMs`, and once at once. */
  private start(intervalMs = REPORT_EVERY_MS): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.report(), intervalMs)
    this.timer.unref()
    void this.report()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    this.timer = undefined
    await this.report()
  }

  /** One row per source now; a failed write is logged once per failure streak and tried again next time. */
  report(): Promise<void> {
    this.writing = this.writing.then(() => this.write())
    return this.writing
  }

  private async write(): Promise<void> {
    if (this.sources.size === 0) return
    const reportedAt = chTime(this.now())
    const seq = ++this.seq
    const values = [...this.sources].map(([source, s]) => ({
      source,
      instance: this.instance,
      polling: s.polling ? 1 : 0,
      last_active_at: chTime(s.lastActiveAt),
      newest_event_at: s.newestEventAt === null ? null : chTime(Date.parse(s.newestEventAt)),
      oldest_pending_at: chTimeOrNull(s.pending[0]?.at ?? null),
      lag_messages: s.lagMessages,
      loading_progress: s.loadingProgress,
      reported_at: reportedAt,
      seq,
    }))
    try {
      await this.client.insert({ table: 'ingest_sources', values, format: 'JSONEachRow' })
      this.failing = false
    } catch (err) {
      if (!this.failing) this.logger.warn({ err: (err as Error).message }, 'ingest: cannot report source liveness; will try again')
      this.failing = true
    }
  }
}
