// `change` rules: a count in a window against the same window yesterday or
// last week (offered calls in 15 minutes ≥ 3 × last week and ≥ 200: a call
// storm, 话务突增), for the total or per region. Per-region comparisons come
// from each region's own snapshot: the territory's breakdown cells carry no
// yesterday or last week.
import type { ChangeRule } from '../../../../schemas/alerting-config.ts'
import { RuleProblem, scopeDimension, type RuleContext, type RuleEvaluator, type ScopeDescription } from '../rule-evaluator.ts'
import { COMPARE_WORDS, formatValue, WINDOW_WORDS } from '../wording.ts'
import { compared } from './comparison.ts'

export function compileChangeRule(rule: ChangeRule, ctx: RuleContext): RuleEvaluator {
  const dimension = scopeDimension(rule.scope)
  const def = ctx.definitions[rule.kpi]
  if (dimension !== null && dimension !== 'region') throw new RuleProblem(`change rules compare the total or each region, not by ${dimension}`)
  if (def.kind !== 'windowed') throw new RuleProblem(`${rule.kpi} describes the present, which has no yesterday to compare with`)
  const wanted = dimension === null ? null : rule.scope!.region!
  if (wanted !== null && wanted !== '*' && !ctx.regionCodes.includes(wanted)) throw new RuleProblem(`unknown region ${wanted}`)
  const regions = wanted === null ? [] : wanted === '*' ? ctx.regionCodes : [wanted]
  const { kpi, window } = rule

  return {
    dimension,
    absent: 'none',
    regions,
    evaluate(input, judge) {
      if (dimension === null) {
        const c = compared(rule, input.territory.windows[window][kpi])
        return judge('', c.verdict, c.value, c.threshold)
      }
      for (const region of regions) {
        const c = compared(rule, input.regions.get(region)?.windows[window][kpi])
        judge(region, c.verdict, c.value, c.threshold)
      }
    },
    describe: (key): ScopeDescription => ({ labels: dimension === null ? {} : { region: key }, annotations: {} }),
    summary(alert) {
      const where = ctx.places.scope(dimension, alert.scope_key)
      const value = alert.value === null ? '无数据' : formatValue(def.unit, alert.value)
      const then = alert.threshold === null ? '' : `，${COMPARE_WORDS[rule.compare]} ${formatValue(def.unit, alert.threshold / rule.factor)} 的 ${rule.factor} 倍为 ${formatValue(def.unit, alert.threshold)}`
      return `${rule.name}：${where}${def.label_zh}（${WINDOW_WORDS[window]}）${value}${then}`
    },
  }
}
