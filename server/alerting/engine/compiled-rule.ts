// The rules in force, compiled once per configuration: each with its
// evaluator, its timing, the labels its alerts carry, and its alert slots
// (one per scope that has an alert the engine holds). A reload keeps the
// slots of every rule that is still there and still about the same thing,
// so nothing firing is forgotten and no clock restarts.
import type { Rule } from '../../../schemas/alerting-config.ts'
import { kpiEntry } from '../../../schemas/kpis.ts'
import type { AlertRecord } from './alert-record.ts'
import { compileChangeRule } from './evaluators/change.ts'
import { compileDataRule } from './evaluators/data.ts'
import { compileEntityRule } from './evaluators/entity.ts'
import { compileHandoverRule } from './evaluators/handover.ts'
import { compileSupervisionRule } from './evaluators/supervision.ts'
import { compileKpiRule } from './evaluators/kpi.ts'
import { compileSurgeRule } from './evaluators/surge.ts'
import { fingerprintOf } from './fingerprint.ts'
import { RuleProblem, type RuleContext, type RuleEvaluator } from './rule-evaluator.ts'
import { timingOf, type Timing } from './timing.ts'

export interface Slot {
  key: string
  alert: AlertRecord
}

export interface CompiledRule {
  rule: Rule
  evaluator: RuleEvaluator
  timing: Timing
  /** The rule's own labels with rule, kind and severity added. */
  labels: Record<string, string>
  /** A call alert: explained by an outage in its region, and held back by a critical one (inhibition.ts). */
  call: boolean
  /** An outage alert: when critical, it holds back its region's warning call alerts. */
  outage: boolean
  slots: Map<string, Slot>
  /** What the rule is about; a rule whose identity changed starts afresh. */
  identity: string
}

/** KPIs of the call center now: the queue. Windowed call KPIs are known by their source. */
const CALL_NOW_KPIS: ReadonlySet<string> = new Set(['queue_now', 'longest_wait_now_seconds'])

function isCallRule(rule: Rule): boolean {
  if (rule.kind === 'unexplained_surge') return true
  if (rule.kind !== 'kpi' && rule.kind !== 'change') return false
  const entry = kpiEntry(rule.kpi)
  return entry.kind === 'windowed' ? entry.source === 'calls' : CALL_NOW_KPIS.has(rule.kpi)
}

function evaluatorOf(rule: Rule, ctx: RuleContext): RuleEvaluator {
  switch (rule.kind) {
    case 'kpi':
      return compileKpiRule(rule, ctx)
    case 'change':
      return compileChangeRule(rule, ctx)
    case 'unexplained_surge':
      return compileSurgeRule(rule, ctx)
    case 'entity':
      if (rule.check === 'supervision_unanswered') return compileSupervisionRule(rule, ctx)
      if (rule.check === 'handover_unconfirmed') return compileHandoverRule(rule)
      return compileEntityRule({ ...rule, check: rule.check }, ctx)
    case 'data':
      return compileDataRule(rule, ctx)
  }
}

/** What makes two versions of a rule the same rule: thresholds, holds, names and severity may change; what it judges may not. */
function identityOf(rule: Rule): string {
  switch (rule.kind) {
    case 'kpi':
    case 'change':
      return JSON.stringify([rule.kind, rule.kpi, rule.window, rule.scope ?? {}])
    case 'unexplained_surge':
      return JSON.stringify([rule.kind, rule.window])
    case 'entity':
    case 'data':
      return JSON.stringify([rule.kind, rule.check])
  }
}

export interface Compiled {
  rules: CompiledRule[]
  problems: Array<{ rule: string; problem: string }>
}

/** Compiles the enabled rules; a rule that cannot be judged is left out with its problem. */
export function compileRules(rules: readonly Rule[], ctx: RuleContext): Compiled {
  const out: Compiled = { rules: [], problems: [] }
  for (const rule of rules) {
    if (rule.enabled === false) continue
    try {
      out.rules.push({
        rule,
        evaluator: evaluatorOf(rule, ctx),
        timing: timingOf(rule),
        labels: { ...rule.labels, rule: rule.id, kind: rule.kind, severity: rule.severity },
        call: isCallRule(rule),
        outage: rule.kind === 'entity' && rule.check.startsWith('outage_'),
        slots: new Map(),
        identity: identityOf(rule),
      })
    } catch (err) {
      if (!(err instanceof RuleProblem)) throw err
      out.problems.push({ rule: rule.id, problem: err.message })
    }
  }
  return out
}

/** The fingerprint of a scope of a compiled rule. */
export const slotFingerprint = (c: CompiledRule, key: string) => fingerprintOf(c.rule.id, c.evaluator.dimension, key)
