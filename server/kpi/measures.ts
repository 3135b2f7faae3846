// Sums per breakdown key, one book per period. Rollup rows, outage rows and
// agent intervals are folded into books; a KPI value is then its registry
// formula (schemas/kpis.ts) over one key's sums, so totals, breakdowns and
// trend series share one definition.
import type { Measure, Sums } from '../../schemas/kpi-measures.ts'

/** A breakdown key: 'total', or '<dimension>:<value>' such as 'region:D01' or 'queue:fault'. */
export type Key = string
export const TOTAL: Key = 'total'

export class SumBook {
  private readonly byKey = new Map<Key, Sums>()

  add(key: Key, sums: Sums): void {
    let target = this.byKey.get(key)
    if (!target) {
      target = {}
      this.byKey.set(key, target)
    }
    for (const m of Object.keys(sums) as Measure[]) target[m] = (target[m] ?? 0) + (sums[m] ?? 0)
  }

  get(key: Key): Sums {
    return this.byKey.get(key) ?? {}
  }

  keys(): Key[] {
    return [...this.byKey.keys()]
  }

  /** Copies another book's sums into this one. */
  merge(other: SumBook): void {
    for (const key of other.keys()) this.add(key, other.get(key))
  }
}
