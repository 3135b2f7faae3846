// The shift lead's page: which alerts it lists and in what order (nobody on
// it first, then the inbox's order), and which escalations wait for this
// lead, as the escalation policy says whom each tier reaches and the
// pipeline recorded the tier each alert reached.
import { expect, test } from 'vitest'
import type { Escalation, Receiver } from '../../schemas/alerting-config.ts'
import type { Alert } from '../../schemas/alerts.ts'
import { escalationsFor, leadAlerts, pendingCount, tiersReaching } from '../../dashboard/src/lead/lead-alerts.ts'
import { alert as fixture } from '../support/robots/alert-fixtures.ts'

const alert = (id: string, over: Partial<Alert>): Alert =>
  fixture({ id, fingerprint: id, severity: 'warning', started_at: '2026-12-02T02:00:00.000Z', fired_at: '2026-12-02T02:00:00.000Z', ...over })
const acked = { by: 'zhang', display_name: '张三', at: '2026-12-02T02:10:00.000Z', comment: '已到现场' }
const tier = (n: number) => ({ escalation: { tier: n, next_at: null } })

const alerts = [
  alert('crit-acked', { severity: 'critical', state: 'acknowledged', acknowledged: acked }),
  alert('warn-new', { fired_at: '2026-12-02T02:30:00.000Z' }),
  alert('crit-firing', { severity: 'critical', ...tier(2) }),
  alert('warn-old', { fired_at: '2026-12-02T01:00:00.000Z', ...tier(1) }),
  alert('pending', { state: 'pending', fired_at: null }),
  alert('gone', { state: 'resolved', resolved_at: '2026-12-02T02:20:00.000Z', ...tier(1) }),
  alert('acked-escalated', { state: 'acknowledged', acknowledged: acked, ...tier(1) }),
]
const ids = (list: Alert[]) => list.map((a) => a.id)

test('the alerts people were told of, nobody on it first, then most serious and oldest; pending ones only counted', () => {
  expect(ids(leadAlerts(alerts))).toEqual(['crit-firing', 'warn-old', 'warn-new', 'crit-acked', 'acked-escalated'])
  expect(pendingCount(alerts)).toBe(1)
})

const receivers: Receiver[] = [
  { id: 'push-lead', type: 'web_push', to: ['lead_on_duty'] },
  { id: 'ding-duty', type: 'dingtalk_robot', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECx' },
  { id: 'sms-li', type: 'sms', url: 'https://sms.example.cn', template_id: 'T1', body: {}, success: { field: 'Code', equals: 'OK' }, to: ['user:li'] },
  { id: 'push-director', type: 'web_push', to: ['director'] },
]
const policy = (...notify: string[][]): Escalation => ({ tiers: notify.map((n, i) => ({ after: `${(i + 1) * 10}m`, notify: n })) })

test('the tiers that reach a lead: addressed to the lead on duty, or to them by name', () => {
  expect(tiersReaching(policy(['ding-duty'], ['push-lead'], ['push-director']), receivers, 'zhang')).toEqual([2])
  expect(tiersReaching(policy(['ding-duty'], ['sms-li'], ['push-lead', 'push-director']), receivers, 'li')).toEqual([2, 3])
  expect(tiersReaching(policy(['push-director']), receivers, 'zhang')).toEqual([])
  expect(tiersReaching(null, receivers, 'zhang')).toEqual([])
})

test('escalations waiting: firing and escalated at least to the first tier that reaches the lead; all escalated ones when the policy is unknown', () => {
  expect(ids(escalationsFor(alerts, [2]))).toEqual(['crit-firing'])
  expect(ids(escalationsFor(alerts, [1, 3]))).toEqual(['crit-firing', 'warn-old'])
  expect(ids(escalationsFor(alerts, null))).toEqual(['crit-firing', 'warn-old'])
  expect(escalationsFor(alerts, [])).toEqual([])
})
