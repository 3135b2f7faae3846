// The comparison `change` and `unexplained_surge` rules share: a windowed
// count against the same window yesterday or last week, times a factor,
// and at least a minimum value. A factor above 1 looks for a rise (value ≥
// factor × then), one below 1 for a fall (value ≤ factor × then). No value
// then (history does not reach back) is no judgement.
import type { KpiCell } from '../../../../schemas/snapshot.ts'
import type { Verdict } from '../verdict.ts'

export interface Comparison {
  compare: 'yesterday' | 'last_week'
  factor: number
  min_value: number
}

/** The verdict, and the threshold it was judged against (factor × the compared value), or null when not judged. */
export function compared(c: Comparison, cell: KpiCell | undefined): { verdict: Verdict; value: number | null; threshold: number | null } {
  const value = cell?.value ?? null
  const then = cell?.[c.compare] ?? null
  if (value === null || then === null) return { verdict: 'none', value, threshold: null }
  const threshold = c.factor * then
  const past = c.factor >= 1 ? value >= threshold : value <= threshold
  return { verdict: past && value >= c.min_value ? 'fire' : 'clear', value, threshold }
}
