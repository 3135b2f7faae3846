// What every kind of rule becomes once compiled (evaluators/*): how it
// judges a tick, what its scopes are, and how an alert of it is labelled
// and summed up. A rule that cannot be judged as written (a breakdown its
// KPI lacks, a clear threshold on the wrong side of fire) is refused with a
// RuleProblem saying why, and the other rules run.
import type { KpiDefinition, KpiId } from '../../../schemas/kpis.ts'
import type { AlertRecord } from './alert-record.ts'
import type { Judge, TickInput } from './tick-input.ts'
import type { Verdict } from './verdict.ts'
import type { PlaceNames } from './wording.ts'

export class RuleProblem extends Error {
  override name = 'RuleProblem'
}

export interface RuleContext {
  regionCodes: readonly string[]
  places: PlaceNames
  definitions: Record<KpiId, KpiDefinition>
}

/** What a new alert of a scope carries: labels routes match on, annotations that describe it. */
export interface ScopeDescription {
  labels: Record<string, string>
  annotations: Record<string, string>
}

export interface RuleEvaluator {
  /** The kind of scope its alerts are per ('region', 'workorder', 'source', …), null for one alert for the total. */
  dimension: string | null
  /** What a scope that had an alert and is missing from a tick's verdicts means: gone (clear: the order closed), or unjudged (none). */
  absent: Verdict
  /** Regions whose own snapshot it reads (comparisons per region are not in the territory's breakdowns). */
  regions: readonly string[]
  evaluate(input: TickInput, judge: Judge): void
  describe(key: string, subject: unknown): ScopeDescription
  summary(alert: AlertRecord): string
}

/** The breakdown a rule's scope names, or null for the total. */
export function scopeDimension(scope: Record<string, string | undefined> | undefined): string | null {
  const keys = Object.keys(scope ?? {})
  return keys.length === 0 ? null : keys[0]
}
