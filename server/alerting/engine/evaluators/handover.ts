// The `entity` check handover_unconfirmed: one alert per shift whose
// handover is still unconfirmed past the reminder time after its boundary
// (HANDOVER_REMIND_AFTER_MINUTES, 30 by default; server/handover says which
// shifts). It goes through routes, receivers and escalation like every
// alert; routed to `lead_on_duty`, it reaches the incoming shift's lead, who
// is on duty by then. Confirmed, or a newer boundary passed: it clears.
import type { EntityRule } from '../../../../schemas/alerting-config.ts'
import type { RuleEvaluator } from '../rule-evaluator.ts'
import type { HandoverDue } from '../tick-input.ts'

const MIN = 60_000

export function compileHandoverRule(rule: EntityRule): RuleEvaluator {
  return {
    dimension: 'handover',
    absent: 'clear',
    regions: [],
    evaluate(input, judge) {
      for (const due of input.handovers()) judge(due.key, 'fire', Math.floor((input.at - due.boundary) / MIN), null, due)
    },
    describe(key, subject) {
      const due = subject as HandoverDue
      return {
        labels: { shift: key, ...(due.incoming_lead ? { incoming_lead: due.incoming_lead } : {}) },
        annotations: { shift_name: due.shift_name, date: due.date, handed_over: due.handover_id ? 'yes' : 'no' },
      }
    },
    summary(alert) {
      const a = alert.annotations
      const waiting = a.handed_over === 'yes' ? '已交班，待接班确认' : '尚未交班'
      return `${rule.name}：${a.shift_name}（${a.date}）交接班已过 ${alert.value ?? 0} 分钟未确认，${waiting}`
    },
  }
}
