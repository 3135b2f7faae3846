// `unexplained_surge` rules: offered calls of a region surging against the
// same window yesterday or last week with no active outage in the region to
// explain them: a possible unreported outage (疑似未报停电), one alert per
// region. An active outage there explains the surge: no alert (one already
// firing clears), and a critical outage alert there holds back the region's
// warning call alerts, which name it (inhibited_by; inhibition.ts).
import type { SurgeRule } from '../../../../schemas/alerting-config.ts'
import type { RuleContext, RuleEvaluator } from '../rule-evaluator.ts'
import { COMPARE_WORDS, WINDOW_WORDS } from '../wording.ts'
import { compared } from './comparison.ts'

export function compileSurgeRule(rule: SurgeRule, ctx: RuleContext): RuleEvaluator {
  const { window } = rule
  return {
    dimension: 'region',
    absent: 'none',
    regions: ctx.regionCodes,
    evaluate(input, judge) {
      let explained: Set<string> | null = null
      for (const region of ctx.regionCodes) {
        const c = compared(rule, input.regions.get(region)?.windows[window].calls_offered)
        if (c.verdict === 'fire') {
          // Read only when some region surges: most ticks none does.
          explained ??= new Set(input.entities().outages.map((o) => o.region))
          if (explained.has(region)) {
            judge(region, 'clear', c.value, c.threshold)
            continue
          }
        }
        judge(region, c.verdict, c.value, c.threshold)
      }
    },
    describe: (key) => ({ labels: { region: key }, annotations: {} }),
    summary(alert) {
      const then = alert.threshold === null ? '' : `（${COMPARE_WORDS[rule.compare]} ${Math.round(alert.threshold / rule.factor)}）`
      return `${rule.name}：${ctx.places.region(alert.scope_key)}进线量（${WINDOW_WORDS[window]}）${alert.value ?? '无数据'}${then}，无在途停电可解释，疑似未报停电`
    },
  }
}
