// Alerts and notifications for the channel tests, at fixed instants (the
// messages show them in Asia/Shanghai, so the golden strings hold at any
// hour and in any zone the tests run in).
import type { Receiver } from '../../../schemas/alerting-config.ts'
import type { Alert } from '../../../schemas/alerts.ts'
import type { Notification, Recipient } from '../../../server/alerting/notify/notifier.ts'

/** 2026-03-02 09:15 in Shanghai. */
export const FIRED_AT = '2026-03-02T01:15:00.000Z'
export const LINK = 'https://cc.example.cn/desk/alerts/a-1'

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a-1',
    fingerprint: '8a07086b74f3ba78',
    rule_id: 'abandon-high',
    rule_name: '呼损率过高',
    kind: 'kpi',
    severity: 'critical',
    state: 'firing',
    labels: { rule: 'abandon-high', kind: 'kpi', severity: 'critical', region: 'D01', kpi: 'abandonment_rate' },
    summary: '北山区 呼损率 8.3%，超过 5%',
    value: 0.083,
    threshold: 0.05,
    started_at: '2026-03-02T01:13:00.000Z',
    fired_at: FIRED_AT,
    resolved_at: null,
    acknowledged: null,
    resolved_by: null,
    silenced: false,
    inhibited_by: null,
    escalation: { tier: 0, next_at: null },
    annotations: {},
    ...over,
  }
}

/** Alerts of one rule in the first n regions of the demo territory, a minute apart. */
export function regionAlerts(n: number): Alert[] {
  return Array.from({ length: n }, (_, i) => {
    const region = `D${String((i % 12) + 1).padStart(2, '0')}`
    const at = new Date(Date.parse(FIRED_AT) + i * 60_000).toISOString()
    return alert({ id: `a-${i + 1}`, fingerprint: `f${i}`, labels: { ...alert().labels, region }, value: 0.06 + i / 1000, fired_at: at, started_at: at })
  })
}

export const lead: Recipient = { username: 'zhangsan', display_name: '张三', mobile: '13800001111', wecom_userid: 'zhangsan', dingtalk_mobile: '13900002222', email: 'zhangsan@example.cn' }
export const officer: Recipient = { username: 'lisi', display_name: '李四', mobile: '13800003333', wecom_userid: 'lisi', email: 'lisi@example.cn' }

export function notification(receiver: Receiver, over: Partial<Notification> = {}): Notification {
  return { key: 'group-1:firing:1', receiver, reason: 'firing', group_labels: { rule: 'abandon-high' }, firing: [alert()], resolved: [], truncated: 0, recipients: [], link: LINK, ...over }
}
