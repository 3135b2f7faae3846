// `kpi` rules: one KPI in one window, for the total or for each cell of a
// breakdown (`scope: { region: "*" }`: one alert per region), against a fire
// and a clear threshold. Cells come from the territory's snapshot (its
// breakdowns are computed for every region whether or not a screen watches
// one). A rate or an average of fewer items than `min_volume` is not
// judged: 1 call of 2 abandoned at 03:00 is not a crisis.
import type { KpiRule } from '../../../../schemas/alerting-config.ts'
import { kpiEntry } from '../../../../schemas/kpis.ts'
import { DEFAULT_MIN_VOLUME } from '../../config/rule-defaults.ts'
import type { BreakdownCell, WindowBreakdowns } from '../../../../schemas/snapshot.ts'
import { RuleProblem, scopeDimension, type RuleContext, type RuleEvaluator } from '../rule-evaluator.ts'
import type { Judge } from '../tick-input.ts'
import { thresholdVerdict } from '../verdict.ts'
import { formatValue, WINDOW_WORDS } from '../wording.ts'


export function minVolumeOf(rule: { kpi: KpiRule['kpi']; min_volume?: number }): number {
  if (rule.min_volume !== undefined) return rule.min_volume
  const entry = kpiEntry(rule.kpi)
  return entry.kind === 'windowed' && entry.source === 'calls' ? DEFAULT_MIN_VOLUME.calls : DEFAULT_MIN_VOLUME.other
}

export function compileKpiRule(rule: KpiRule, ctx: RuleContext): RuleEvaluator {
  const dimension = scopeDimension(rule.scope) as keyof WindowBreakdowns | null
  const def = ctx.definitions[rule.kpi]
  if (dimension !== null && !def.breakdowns.includes(dimension)) {
    throw new RuleProblem(`${rule.kpi} has no breakdown by ${dimension} (it has: ${def.breakdowns.join(', ') || 'none'})`)
  }
  if (rule.op === 'above' ? rule.clear > rule.fire : rule.clear < rule.fire) {
    throw new RuleProblem(`clear (${rule.clear}) must be ${rule.op === 'above' ? 'at or below' : 'at or above'} fire (${rule.fire}) for op "${rule.op}"`)
  }
  const wanted = dimension === null ? '' : rule.scope![dimension]!
  const minVolume = minVolumeOf(rule)
  const { op, fire, clear, kpi, window } = rule

  const judgeCell = (judge: Judge, key: string, cell: BreakdownCell | undefined) => {
    if (cell === undefined || cell.value === null || (cell.volume !== undefined && cell.volume < minVolume)) judge(key, 'none', cell?.value ?? null, fire)
    else judge(key, thresholdVerdict(op, fire, clear, cell.value), cell.value, fire)
  }

  return {
    dimension,
    absent: 'none',
    regions: [],
    evaluate(input, judge) {
      if (dimension === null) return judgeCell(judge, '', input.territory.windows[window][kpi])
      const table = input.territory.breakdowns[window][dimension]
      if (wanted !== '*') return judgeCell(judge, wanted, table[wanted]?.[kpi])
      for (const code in table) judgeCell(judge, code, table[code][kpi])
    },
    describe: (key) => ({ labels: dimension === null ? {} : { [dimension]: key }, annotations: {} }),
    summary(alert) {
      const where = ctx.places.scope(dimension, alert.scope_key)
      const value = alert.value === null ? '无数据' : formatValue(def.unit, alert.value)
      return `${rule.name}：${where}${def.label_zh}（${WINDOW_WORDS[window]}）${value}，${op === 'above' ? '高于' : '低于'}阈值 ${formatValue(def.unit, fire)}`
    },
  }
}
