// `entity` rules with the check `supervision_unanswered`: one alert per
// supervision order (督办) still unanswered after its reminder (催办) and the
// grace after it, for the shift lead (DOMAIN.md §4). The supervision service
// decides when an order is that late; the rule turns it into an alert that is
// routed, escalated and acknowledged like the others, and clears it when the
// team answers or the order is closed (the order leaves the set).
import type { EntityRule } from '../../../../schemas/alerting-config.ts'
import type { UnansweredSupervision } from '../../../supervision/unanswered-supervisions.ts'
import type { RuleContext, RuleEvaluator, ScopeDescription } from '../rule-evaluator.ts'

const MIN = 60_000
const TARGET_WORDS: Record<string, string> = { workorder: '工单', outage: '停电', alert: '告警' }

export function compileSupervisionRule(rule: EntityRule, ctx: RuleContext): RuleEvaluator {
  const region = rule.where?.region
  return {
    dimension: 'supervision',
    absent: 'clear',
    regions: [],
    evaluate(input, judge) {
      for (const s of input.supervisions()) {
        if (region !== undefined && s.region !== region) continue
        // Minutes past the reply deadline.
        judge(s.supervision_id, 'fire', Math.max(0, Math.round((input.at - Date.parse(s.due_at)) / MIN)), null, s)
      }
    },
    describe(_key, subject): ScopeDescription {
      const s = subject as UnansweredSupervision
      return {
        labels: { supervision_id: s.supervision_id, region: s.region, team: s.team, target_type: s.target_type, target_id: s.target_id },
        annotations: { reason: s.reason, due_at: s.due_at },
      }
    },
    summary(alert) {
      const l = alert.labels
      const target = `${TARGET_WORDS[l.target_type] ?? l.target_type} ${l.target_id}`
      return `${rule.name}：${l.team} 对${target}（${ctx.places.region(l.region)}）的督办已超期 ${alert.value ?? 0} 分钟未反馈`
    },
  }
}
