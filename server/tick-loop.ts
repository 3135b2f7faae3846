// The tick: every KPI_TICK_MS the snapshot of the whole territory is
// recomputed, and one per region that a screen is watching. The last snapshot
// of each scope is kept; each new one is diffed against it and the delta
// published to that scope's screens. Ticks never overlap: one that is still
// running when the next is due makes that one skip, so a slow ClickHouse
// never piles up queries.
//
// When a computation fails the last snapshot keeps being served with `stale`
// set (pushed as a delta so screens say so); the cause is logged once per
// failure streak and the first good tick clears it. A snapshot is also stale
// when the flow of data has stopped or fallen behind, or history is still
// loading (server/freshness/source-health.ts): not merely because no event
// happened lately, which on a quiet night is the truth.
//
// Observers (`onTick`) see every tick once it has ended, changed or not
// (time passing is news to an alert's hold): the territory's snapshot and
// every region's computed in it. The alert engine is one; the regions its
// rules compare (a surge per region) are computed every tick for it, watched
// by a screen or not (`watchedRegions`).
import type { FastifyBaseLogger } from 'fastify'
import type { KpiDefinition, KpiId } from '../schemas/kpis.ts'
import { diff } from '../schemas/patch.ts'
import type { Delta, Snapshot, SupervisionCounts } from '../schemas/snapshot.ts'
import { emptySnapshot } from './empty-snapshot.ts'
import { staleReason, type SourcesNow } from './freshness/source-health.ts'
import type { ServerMetrics } from './metrics/server-metrics.ts'

export type SnapshotBody = Pick<Snapshot, 'computed_at' | 'watermark' | 'region' | 'windows' | 'breakdowns' | 'targets' | 'current'>

/** One tick's snapshots, as observers see them. */
export interface TickSnapshots {
  /** The instant the tick computed for. */
  at: Date
  territory: Snapshot
  /** Every region computed in this tick (watched by a screen or needed by an observer). */
  regions: ReadonlyMap<string, Snapshot>
  /** False when a computation failed: the snapshots are then the last good ones, marked stale. */
  complete: boolean
}

export type TickListener = (tick: TickSnapshots) => void

/** What computes a scope's KPIs: the KPI engine (server/kpi/kpi-engine.ts). */
export interface SnapshotComputer {
  compute(now: Date, region?: string | null): Promise<SnapshotBody>
}

export interface TickLoopOptions {
  engine: SnapshotComputer
  definitions: Record<KpiId, KpiDefinition>
  tickMs: number
  staleAfterMs: number
  build: () => string
  now: () => Date
  logger: FastifyBaseLogger
  metrics: ServerMetrics
  /** Regions to compute every tick beside the whole territory: those screens watch and those observers need. */
  watchedRegions: () => string[]
  /** Sends a scope's delta to the screens watching it. */
  publish: (region: string | null, delta: Delta) => void
  /** Which sources deliver and whether history is loading. */
  sources: (now: number) => Promise<SourcesNow>
  /** The supervision orders open and overdue in a scope. */
  supervisions: (now: Date, region: string | null) => Promise<SupervisionCounts>
}

interface Scope {
  snapshot: Snapshot | undefined
  inflight: Promise<Snapshot> | undefined
  /** When a computation of this scope last finished, good or not (epoch ms). */
  attemptedAt: number
  /** The current failure streak: its first cause and start, or null. */
  failure: { reason: string; since: string } | null
  lastError: string | undefined
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300)

export class TickLoop {
  private readonly scopes = new Map<string, Scope>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private failing = false
  private readonly listeners: TickListener[] = []
  /** When the last tick finished with every scope computed (epoch ms), or null. */
  lastGoodTickAt: number | null = null

  constructor(private readonly opts: TickLoopOptions) {}

  get tickMs(): number {
    return this.opts.tickMs
  }

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.onTimer(), this.opts.tickMs)
    this.onTimer()
  }

  /** Stops ticking and waits for a tick in progress to end. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }

  /** Calls `listener` at the end of every tick from now on, good or failed. */
  onTick(listener: TickListener): void {
    this.listeners.push(listener)
  }

  /** The last snapshot of a scope, without computing. */
  current(region: string | null): Snapshot | undefined {
    return this.scopes.get(region ?? '')?.snapshot
  }

  /**
   * A scope's snapshot, no older than one tick: the last one when it is
   * recent, otherwise computed now (shared with a computation in progress).
   * Never rejects: a failed computation gives the last snapshot marked stale.
   * The region must be a code of the territory (callers check).
   */
  async snapshotFor(region: string | null): Promise<Snapshot> {
    const scope = this.scopes.get(region ?? '')
    if (scope?.snapshot && !scope.inflight && Date.now() - scope.attemptedAt <= this.opts.tickMs) return scope.snapshot
    return (await this.refresh(region)).snapshot
  }

  private onTimer(): void {
    if (this.running) {
      this.opts.metrics.ticksSkipped.inc()
      return
    }
    this.running = this.tick()
      .catch((err: unknown) => this.opts.logger.error({ err }, 'KPI tick: unexpected error'))
      .finally(() => {
        this.running = undefined
      })
  }

  private async tick(): Promise<void> {
    const started = performance.now()
    const at = this.opts.now()
    const regions = [null, ...new Set(this.opts.watchedRegions())]
    const results = await Promise.all(regions.map((region) => this.refresh(region)))
    this.opts.metrics.tickDuration.observe((performance.now() - started) / 1000)
    const failed = results.filter((r) => r.error !== undefined)
    this.notify({
      at,
      territory: results[0].snapshot,
      regions: new Map(results.slice(1).map((r, i) => [regions[i + 1]!, r.snapshot])),
      complete: failed.length === 0,
    })
    if (failed.length > 0) {
      this.opts.metrics.ticksFailed.inc()
      return
    }
    this.lastGoodTickAt = Date.now()
    if (this.failing) {
      this.failing = false
      this.opts.logger.info('KPI tick: computations succeed again, stale cleared')
    }
  }

  private refresh(region: string | null): Promise<{ snapshot: Snapshot; error?: string }> {
    const scope = this.scope(region)
    const running = scope.inflight
    if (running) return running.then((snapshot) => ({ snapshot, error: scope.lastError }))
    const work = this.compute(region, scope)
    scope.inflight = work.then((r) => r.snapshot)
    return work.finally(() => {
      scope.inflight = undefined
      scope.attemptedAt = Date.now()
    })
  }

  private async compute(region: string | null, scope: Scope): Promise<{ snapshot: Snapshot; error?: string }> {
    const now = this.opts.now()
    let body: SnapshotBody
    let sources: SourcesNow
    let supervisions: SupervisionCounts
    try {
      ;[body, sources, supervisions] = await Promise.all([this.opts.engine.compute(now, region), this.opts.sources(now.getTime()), this.opts.supervisions(now, region)])
    } catch (err) {
      const error = firstLine(err)
      scope.lastError = error
      // The first cause stands for the whole streak: parallel queries fail in
      // varying order with differing texts, and a screen must not flicker.
      scope.failure ??= { reason: `KPI computation failing: ${error}`, since: now.toISOString() }
      if (!this.failing) {
        this.failing = true
        this.opts.logger.error({ err, region }, 'KPI tick failed; serving the last snapshot marked stale until a tick succeeds')
      }
      const base = scope.snapshot ?? emptySnapshot({ region, build: this.opts.build(), now, definitions: this.opts.definitions, staleAfterMs: this.opts.staleAfterMs })
      return { snapshot: this.advance(region, scope, { ...base, build: this.opts.build(), stale: scope.failure }), error }
    }
    scope.lastError = undefined
    scope.failure = null
    const next: Snapshot = {
      ...body,
      tick: 0,
      build: this.opts.build(),
      stale: this.staleOf(body.watermark, now, sources, scope),
      stale_after_seconds: this.opts.staleAfterMs / 1000,
      sources: sources.sources,
      loading: sources.loading,
      supervisions,
    }
    return { snapshot: this.advance(region, scope, next) }
  }

  // A stale streak keeps the time it began, so a screen's "since" does not move every tick.
  private staleOf(watermark: string | null, now: Date, sources: SourcesNow, scope: Scope): Snapshot['stale'] {
    const stale =
      watermark === null && sources.loading === null
        ? { reason: 'no events stored yet', since: now.toISOString() }
        : staleReason(now.getTime(), this.opts.staleAfterMs, watermark, sources)
    if (stale === null) return null
    const since = scope.snapshot?.stale?.since
    return since !== undefined && since <= stale.since ? { ...stale, since } : stale
  }

  // Makes `next` the scope's snapshot and publishes what changed. A snapshot
  // identical to the last one is not a new tick: nothing is sent.
  private advance(region: string | null, scope: Scope, next: Snapshot): Snapshot {
    const prev = scope.snapshot
    if (!prev) {
      scope.snapshot = { ...next, tick: 1 }
      return scope.snapshot
    }
    const candidate = { ...next, tick: prev.tick + 1 }
    const patch = diff(prev, candidate)
    const changed = patch !== undefined && Object.keys(patch).some((key) => key !== 'tick')
    if (!changed) return prev
    scope.snapshot = candidate
    this.opts.publish(region, { base_tick: prev.tick, tick: candidate.tick, patch })
    return candidate
  }

  private notify(tick: TickSnapshots): void {
    for (const listener of this.listeners) {
      try {
        listener(tick)
      } catch (err) {
        this.opts.logger.error({ err }, 'tick observer failed')
      }
    }
  }

  private scope(region: string | null): Scope {
    const key = region ?? ''
    let scope = this.scopes.get(key)
    if (!scope) {
      scope = { snapshot: undefined, inflight: undefined, attemptedAt: 0, failure: null, lastError: undefined }
      this.scopes.set(key, scope)
    }
    return scope
  }
}
