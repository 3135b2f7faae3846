// What every part of the simulator shares, and how the territory's queues and
// teams are found by role, so that another territory file works unchanged.
import type { Region, Territory } from '../../schemas/territory.ts'
import type { LocalClock } from './clock.ts'
import type { Emitter } from './emitter.ts'
import type { Ids } from './ids.ts'
import type { Scheduler } from './scheduler.ts'

export interface SimContext {
  readonly sched: Scheduler
  readonly out: Emitter
  readonly clock: LocalClock
  readonly ids: Ids
  readonly territory: Territory
  /** UTC ms the simulation started at. */
  readonly start: number
  /** Call volume multiplier. */
  readonly volume: number
  /** Where the call center sits: the region of its own events (agent states). */
  readonly centerRegion: string
}

/** The queue with code `preferred`, else the territory's first queue. */
export function queueCode(territory: Territory, preferred: string): string {
  return (territory.queues.find((q) => q.code === preferred) ?? territory.queues[0]).code
}

/**
 * Team codes of a kind. Work orders still need a team when a territory lacks
 * the kind: then any non-agent team, else the kind's name itself.
 */
export function teamsOfKind(territory: Territory, kind: 'agents' | 'field' | 'backoffice'): string[] {
  const own = territory.teams.filter((t) => t.kind === kind).map((t) => t.code)
  if (own.length > 0 || kind === 'agents') return own
  const others = territory.teams.filter((t) => t.kind !== 'agents').map((t) => t.code)
  return others.length > 0 ? others : [kind]
}

/** The region where most customers live: where the center is assumed to be. */
export function largestRegion(regions: readonly Region[]): Region {
  return regions.reduce((a, b) => (b.customers > a.customers ? b : a))
}
