// The words of every message, in the two languages a receiver may ask for
// (zh by default, `lang: en`). Kept together so that a message reads the same
// on every channel and a translation is one place to change.
import type { Severity } from '../../../../schemas/alerting-config.ts'

export type Lang = 'zh' | 'en'

export interface Words {
  severity: Record<Severity, string>
  resolved: string
  /** Before the headline when the message is not a first notification. */
  reason: { escalation: string; reminder: string; digest: string }
  where: string
  value: string
  since: string
  resolvedAt: string
  acknowledged: string
  open: string
  wholeTerritory: string
  threshold: (threshold: string) => string
  count: (n: number) => string
  more: (n: number) => string
  ackBy: (name: string, at: string) => string
  fromTime: (at: string) => string
  /** Work order categories and outage kinds of DOMAIN.md §1, for a scope label. */
  terms: Record<string, string>
  entity: Record<string, string>
  units: { seconds: string; minutes: string; customers: string; agents: string; perMillion: string }
  sep: string
  comma: string
  paren: (text: string) => string
}

const ZH: Words = {
  severity: { info: '提示', warning: '预警', critical: '告警' },
  resolved: '已恢复',
  reason: { escalation: '升级', reminder: '未签收提醒', digest: '汇总' },
  where: '地区',
  value: '数值',
  since: '开始',
  resolvedAt: '恢复',
  acknowledged: '签收',
  open: '查看详情',
  wholeTerritory: '全辖区',
  threshold: (t) => `（阈值 ${t}）`,
  count: (n) => `共 ${n} 条`,
  more: (n) => `还有 ${n} 条`,
  ackBy: (name, at) => `${name}（${at}）`,
  fromTime: (at) => `${at} 起`,
  terms: {
    fault_repair: '故障报修', complaint: '投诉', consultation: '咨询查询', business: '业务申请', arrears_reconnect: '欠费复电', feedback: '意见建议',
    planned: '计划停电', temporary: '临时停电', fault: '故障停电', load_shedding: '错峰停电',
  },
  entity: { workorder_id: '工单', outage_id: '停电', source: '数据源', display: '大屏' },
  units: { seconds: '秒', minutes: '分钟', customers: '户', agents: '人', perMillion: '/百万' },
  sep: '：',
  comma: '，',
  paren: (text) => `（${text}）`,
}

const EN: Words = {
  severity: { info: 'Info', warning: 'Warning', critical: 'Critical' },
  resolved: 'Resolved',
  reason: { escalation: 'Escalated', reminder: 'Unacknowledged', digest: 'Digest' },
  where: 'Where',
  value: 'Value',
  since: 'Since',
  resolvedAt: 'Resolved',
  acknowledged: 'Acknowledged',
  open: 'Open',
  wholeTerritory: 'Whole territory',
  threshold: (t) => ` (threshold ${t})`,
  count: (n) => `${n} alerts`,
  more: (n) => `and ${n} more`,
  ackBy: (name, at) => `${name} at ${at}`,
  fromTime: (at) => `since ${at}`,
  terms: {
    fault_repair: 'fault repair', complaint: 'complaint', consultation: 'consultation', business: 'business', arrears_reconnect: 'arrears reconnection', feedback: 'feedback',
    planned: 'planned outage', temporary: 'temporary outage', fault: 'fault outage', load_shedding: 'load shedding',
  },
  entity: { workorder_id: 'Work order', outage_id: 'Outage', source: 'Source', display: 'Display' },
  units: { seconds: ' s', minutes: ' min', customers: ' customers', agents: ' agents', perMillion: ' per million' },
  sep: ': ',
  comma: ', ',
  paren: (text) => ` (${text})`,
}

export const wordsFor = (lang: Lang): Words => (lang === 'en' ? EN : ZH)

/** A marker that reads at a glance on a phone's lock screen, before any word. */
export const SEVERITY_MARKER: Record<Severity, string> = { info: '🔵', warning: '🟠', critical: '🔴' }
export const RESOLVED_MARKER = '✅'
