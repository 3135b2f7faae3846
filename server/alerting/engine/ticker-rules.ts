// The rules the app runs when no alerting configuration is given: the three
// the wall's alarm ticker showed before the engine existed (outages with key
// customers and overdue work orders critical, outages past their ETR a
// warning), so the ticker keeps its content. The shipped default set of the
// configuration part (issue 10) supersedes these once it is wired.
import type { Rule } from '../../../schemas/alerting-config.ts'

export const TICKER_RULES: Rule[] = [
  { id: 'outage-key-customers', name: '重要客户停电', kind: 'entity', check: 'outage_key_customers', severity: 'critical' },
  { id: 'outage-etr-overrun', name: '超预计复电时间', kind: 'entity', check: 'outage_etr_overrun', severity: 'warning' },
  { id: 'workorder-overdue', name: '工单超时', kind: 'entity', check: 'workorder_overdue', severity: 'critical' },
]
