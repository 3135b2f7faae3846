// `entity` rules: one alert per work order at risk or overdue, per outage
// with key customers, above a number of customers, or past its ETR. Orders
// are judged by the one SLA judge (server/sla) and outages by the one
// outage judge, over every order and outage, not the snapshot's most urgent
// few. An entity that no longer qualifies, or is gone (the order closed,
// the outage restored), clears its alert.
import type { EntityRule } from '../../../../schemas/alerting-config.ts'
import type { OutageBrief, WorkorderBrief } from '../../../../schemas/snapshot.ts'
import type { RuleContext, RuleEvaluator, ScopeDescription } from '../rule-evaluator.ts'
import { categoryWords, milestoneWords } from '../wording.ts'

/** outage_customers_above without a threshold: a feeder's worth of customers. */
export const DEFAULT_CUSTOMERS_ABOVE = 1000

const MIN = 60_000

/** The checks of orders and outages; supervision_unanswered and handover_unconfirmed have their own evaluators. */
export type OrderOrOutageRule = EntityRule & { check: Exclude<EntityRule['check'], 'supervision_unanswered' | 'handover_unconfirmed'> }

export function compileEntityRule(rule: OrderOrOutageRule, ctx: RuleContext): RuleEvaluator {
  const where = rule.where ?? {}
  const threshold = rule.threshold ?? DEFAULT_CUSTOMERS_ABOVE
  const orderWanted = (w: WorkorderBrief) =>
    (where.region === undefined || w.region === where.region) &&
    (where.category === undefined || w.category === where.category) &&
    (where.priority === undefined || w.priority === where.priority)
  const outageWanted = (o: OutageBrief) => (where.region === undefined || o.region === where.region) && (where.kind === undefined || o.kind === where.kind)
  const region = (code: string) => ctx.places.region(code)

  const check = rule.check
  const orders = check === 'workorder_overdue' || check === 'workorder_at_risk'
  return {
    dimension: orders ? 'workorder' : 'outage',
    absent: 'clear',
    regions: [],
    evaluate(input, judge) {
      const { at } = input
      if (orders) {
        const overdue = check === 'workorder_overdue'
        for (const w of input.entities().workorders) {
          if (w.overdue !== overdue || !orderWanted(w)) continue
          // Minutes past the deadline, or left before it.
          const minutes = Math.round(Math.abs(at - Date.parse(w.due_at)) / MIN)
          judge(w.workorder_id, 'fire', minutes, null, w)
        }
        return
      }
      for (const o of input.entities().outages) {
        if (!outageWanted(o)) continue
        if (check === 'outage_key_customers' && o.key_customers_affected > 0) judge(o.outage_id, 'fire', o.key_customers_affected, null, o)
        else if (check === 'outage_customers_above' && o.customers_affected > threshold) judge(o.outage_id, 'fire', o.customers_affected, threshold, o)
        else if (check === 'outage_etr_overrun' && o.etr_overrun && o.etr !== null) judge(o.outage_id, 'fire', Math.round((at - Date.parse(o.etr)) / MIN), null, o)
      }
    },
    describe(_key, subject): ScopeDescription {
      if (orders) {
        const w = subject as WorkorderBrief
        return {
          labels: { workorder_id: w.workorder_id, region: w.region, category: w.category, priority: w.priority, team: w.team },
          annotations: { milestone: w.milestone, due_at: w.due_at },
        }
      }
      const o = subject as OutageBrief
      return {
        labels: { outage_id: o.outage_id, region: o.region, outage_kind: o.kind },
        annotations: { feeder: o.feeder, customers_affected: String(o.customers_affected), key_customers_affected: String(o.key_customers_affected), started_at: o.started_at },
      }
    },
    summary(alert) {
      const l = alert.labels
      const a = alert.annotations
      const n = alert.value ?? 0
      switch (check) {
        case 'workorder_overdue':
          return `${rule.name}：工单 ${l.workorder_id}（${categoryWords(l.category)}，${region(l.region)}）${milestoneWords(a.milestone)}已超时 ${n} 分钟`
        case 'workorder_at_risk':
          return `${rule.name}：工单 ${l.workorder_id}（${categoryWords(l.category)}，${region(l.region)}）距${milestoneWords(a.milestone)}时限还剩 ${n} 分钟`
        case 'outage_key_customers':
          return `${rule.name}：${region(l.region)} ${a.feeder} 停电 ${a.customers_affected} 户，其中重要客户 ${n} 户`
        case 'outage_customers_above':
          return `${rule.name}：${region(l.region)} ${a.feeder} 停电 ${n} 户，超过 ${threshold} 户`
        case 'outage_etr_overrun':
          return `${rule.name}：${region(l.region)} ${a.feeder} 停电 ${a.customers_affected} 户，已超过预计复电时间 ${n} 分钟`
      }
    },
  }
}
