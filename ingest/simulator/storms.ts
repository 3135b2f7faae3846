// Storm episodes (雷雨大风): a few a week, 1–4 h, mostly in the afternoon,
// over 1–3 adjacent districts. While one lasts, its districts see many more
// fault outages (see outages.ts) and a surge of fault calls.
import type { Region, Territory } from '../../schemas/territory.ts'
import type { CallSurge, StormWatch } from './call-center.ts'
import { DAY, HOUR, type LocalClock } from './clock.ts'
import type { Rng } from './random.ts'

interface Storm {
  start: number
  end: number
  regions: Region[]
}

const STORMS_PER_DAY = 3 / 7
// Afternoon convection: candidate times are thinned by this weight of the local hour.
const hourWeight = (hour: number) => (hour >= 13 && hour < 20 ? 1 : 0.35)
const MEAN_WEIGHT = (7 * 1 + 17 * 0.35) / 24
/** Storm fault calls per minute per 100,000 customers of a hit district (lines down, flickering). */
const CALLS_PER_MINUTE_PER_100K = 1.2

/** Regions sharing a boundary edge in the territory's GeoJSON; neighbours in list order when a region has no shape. */
export function adjacency(territory: Territory): Map<string, string[]> {
  const vertices = new Map<string, Set<string>>()
  for (const f of territory.geojson.features) {
    const set = vertices.get(f.properties.code) ?? new Set<string>()
    collect(f.geometry.coordinates, set)
    vertices.set(f.properties.code, set)
  }
  const codes = territory.regions.map((r) => r.code)
  const result = new Map<string, string[]>()
  codes.forEach((code, i) => {
    const own = vertices.get(code)
    const near = codes.filter((other) => {
      if (other === code) return false
      const theirs = vertices.get(other)
      if (own === undefined || theirs === undefined) return false
      let shared = 0
      for (const v of own) if (theirs.has(v) && ++shared >= 2) return true
      return false
    })
    if (near.length === 0) near.push(...[codes[i - 1], codes[i + 1]].filter((c): c is string => c !== undefined))
    result.set(code, near)
  })
  return result
}

function collect(value: unknown, into: Set<string>): void {
  if (!Array.isArray(value)) return
  if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    into.add(`${value[0]},${value[1]}`)
    return
  }
  for (const item of value) collect(item, into)
}

export class Storms implements StormWatch {
  private active: Storm[] = []
  private next: number
  private readonly byCode: Map<string, Region>

  constructor(
    private readonly rng: Rng,
    private readonly clock: LocalClock,
    private readonly regions: readonly Region[],
    private readonly neighbours: Map<string, string[]>,
    start: number,
  ) {
    this.byCode = new Map(regions.map((r) => [r.code, r]))
    this.next = this.following(start)
  }

  /** Starts the storms due in [t, t + span) and forgets finished ones. */
  update(t: number, span: number): void {
    this.active = this.active.filter((s) => s.end > t)
    while (this.next < t + span) {
      const start = this.next
      this.active.push({ start, end: start + Math.round(this.rng.uniform(1 * HOUR, 4 * HOUR)), regions: this.pickRegions() })
      this.next = this.following(start)
    }
  }

  isStormy(region: string, at: number): boolean {
    for (const s of this.active) {
      if (s.start <= at && at < s.end && s.regions.some((r) => r.code === region)) return true
    }
    return false
  }

  callSurges(t: number): CallSurge[] {
    const surges: CallSurge[] = []
    for (const s of this.active) {
      if (s.start > t || t >= s.end) continue
      for (const region of s.regions) {
        surges.push({ region, perMinute: (region.customers / 100_000) * CALLS_PER_MINUTE_PER_100K, intent: 'fault_report', cause: 'storm' })
      }
    }
    return surges
  }

  private following(after: number): number {
    let t = after
    for (;;) {
      t += Math.round(this.rng.exponential((DAY / STORMS_PER_DAY) * MEAN_WEIGHT))
      if (this.rng.chance(hourWeight(this.clock.hour(t)))) return t
    }
  }

  // A storm cell hits one district and often spreads to one or two neighbours.
  private pickRegions(): Region[] {
    const first = this.rng.pick(this.regions)
    const hit = [first]
    const size = 1 + this.rng.int(3)
    while (hit.length < size) {
      const candidates = hit
        .flatMap((r) => this.neighbours.get(r.code) ?? [])
        .map((code) => this.byCode.get(code))
        .filter((r): r is Region => r !== undefined && !hit.includes(r))
      if (candidates.length === 0) break
      hit.push(this.rng.pick(candidates))
    }
    return hit
  }
}
