// Stage 1b, group: the alerts of a route that share its group_by values wait
// together and speak together. A new group flushes after group_wait (at once
// when its alert fired longer ago than that: after a restart or a reload,
// waiting again would only delay what the log may already know), then every
// group_interval while it has alerts; the timer is set again before each
// flush, so the cadence does not drift with send times. A flush still running
// when the next is due is followed by one more, not overlapped.
//
// A reload re-routes every alert: a group whose key survives keeps its timer
// and its place in the cadence (Alertmanager resets them: #2492, #3407); a new
// one starts as new groups do; one left empty is dropped.
import type { Alert } from '../../../schemas/alerts.ts'
import type { InFlight } from './in-flight.ts'
import type { PipelineLogger } from './pipeline-logger.ts'
import { groupOf, routesFor, type CompiledRoute } from './routes.ts'
import type { Scheduler, Timer } from './scheduler.ts'

export interface Group {
  key: string
  labels: Record<string, string>
  route: CompiledRoute
  alertIds: Set<string>
  timer: Timer | null
  flushing: boolean
  again: boolean
}

export interface GroupDeps {
  scheduler: Scheduler
  inFlight: InFlight
  logger: PipelineLogger
  /** Flushes a group; returns the ids of alerts that leave it (gone, or resolved and owed to no one). */
  flush: (group: Group, now: number) => Promise<string[]>
}

const firedAt = (a: Alert) => Date.parse(a.fired_at ?? a.started_at)

export class AggregationGroups {
  private groups = new Map<string, Group>()
  private routes: CompiledRoute[] = []
  private stopped = false

  constructor(private readonly deps: GroupDeps) {}

  has(key: string): boolean {
    return this.groups.has(key)
  }

  /** New routes: every alert routed again; surviving groups keep their timers. */
  configure(routes: CompiledRoute[], alerts: readonly Alert[]): void {
    this.routes = routes
    const old = this.groups
    this.groups = new Map()
    for (const alert of alerts) this.place(alert, old)
    for (const [key, group] of old) if (!this.groups.has(key)) group.timer?.cancel()
  }

  /** An alert that changed: into the groups its routes give it (already there: nothing changes). */
  add(alert: Alert): void {
    this.place(alert, this.groups)
  }

  stop(): void {
    this.stopped = true
    for (const group of this.groups.values()) group.timer?.cancel()
    this.groups.clear()
  }

  private place(alert: Alert, previous: Map<string, Group>): void {
    if (alert.state === 'pending') return
    for (const route of routesFor(this.routes, alert)) {
      const { key, labels } = groupOf(route, alert)
      let group = this.groups.get(key)
      if (!group) {
        const kept = previous.get(key)
        if (kept) {
          group = kept
          group.route = route
          group.alertIds = new Set()
        } else group = this.create(key, labels, route, alert)
        this.groups.set(key, group)
      }
      group.alertIds.add(alert.id)
    }
  }

  private create(key: string, labels: Record<string, string>, route: CompiledRoute, first: Alert): Group {
    const group: Group = { key, labels, route, alertIds: new Set(), timer: null, flushing: false, again: false }
    const now = this.deps.scheduler.now()
    const old = firedAt(first) + route.groupWaitMs <= now
    this.arm(group, old ? now : now + route.groupWaitMs)
    return group
  }

  private arm(group: Group, at: number): void {
    group.timer = this.deps.scheduler.at(at, () => {
      if (this.groups.get(group.key) !== group) return
      this.arm(group, this.deps.scheduler.now() + group.route.groupIntervalMs)
      this.tick(group)
    })
  }

  private tick(group: Group): void {
    if (group.flushing) {
      group.again = true
      return
    }
    group.flushing = true
    void this.deps.inFlight.run(async () => {
      try {
        do {
          group.again = false
          const leaving = await this.deps.flush(group, this.deps.scheduler.now())
          for (const id of leaving) group.alertIds.delete(id)
        } while (group.again && !this.stopped)
      } catch (err) {
        this.deps.logger.error({ err, group: group.key }, 'group flush failed')
      } finally {
        group.flushing = false
      }
      if (group.alertIds.size === 0 && this.groups.get(group.key) === group) {
        group.timer?.cancel()
        this.groups.delete(group.key)
      }
    })
  }
}
