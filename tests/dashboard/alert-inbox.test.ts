// The desk's alert inbox: what it lists under each filter, in what order
// (most serious, then nobody on it, then oldest), and which critical alerts
// are new enough to sound and notify (none of those already there at load).
import { expect, test } from 'vitest'
import type { Alert } from '../../schemas/alerts.ts'
import { ALL, filterChoices, inboxAlerts, newCriticals, unacknowledgedCounts } from '../../dashboard/src/alerts/inbox.ts'
import { alert as fixture } from '../support/robots/alert-fixtures.ts'

/** The channels' fixture alert, a warning fired at 02:00 unless told otherwise. */
const alert = (id: string, over: Partial<Alert>): Alert =>
  fixture({ id, fingerprint: id, severity: 'warning', started_at: '2026-12-02T02:00:00.000Z', fired_at: '2026-12-02T02:00:00.000Z', ...over })

const acked = (by: string) => ({ by, display_name: by, at: '2026-12-02T02:10:00.000Z', comment: '' })

const alerts = [
  alert('warn-old', { fired_at: '2026-12-02T01:00:00.000Z' }),
  alert('crit-acked', { severity: 'critical', state: 'acknowledged', acknowledged: acked('zhang') }),
  alert('crit-new', { severity: 'critical', fired_at: '2026-12-02T02:30:00.000Z' }),
  alert('crit-old', { severity: 'critical', fired_at: '2026-12-02T01:30:00.000Z' }),
  alert('crit-pending', { severity: 'critical', state: 'pending', fired_at: null, started_at: '2026-12-02T00:00:00.000Z' }),
  alert('info', { severity: 'info' }),
  alert('warn-acked-by-li', { state: 'acknowledged', acknowledged: acked('li') }),
  alert('gone', { severity: 'critical', state: 'resolved', resolved_at: '2026-12-02T02:20:00.000Z' }),
]
const ids = (list: Alert[]) => list.map((a) => a.id)

test('open alerts, most serious first; within a severity the unacknowledged, then pending, then acknowledged; oldest first', () => {
  expect(ids(inboxAlerts(alerts, ALL))).toEqual(['crit-old', 'crit-new', 'crit-pending', 'crit-acked', 'warn-old', 'warn-acked-by-li', 'info'])
})

test('filters: severity, one state, resolved on request, and mine (acknowledged by me)', () => {
  expect(ids(inboxAlerts(alerts, { ...ALL, severity: 'warning' }))).toEqual(['warn-old', 'warn-acked-by-li'])
  expect(ids(inboxAlerts(alerts, { ...ALL, state: 'firing', severity: 'critical' }))).toEqual(['crit-old', 'crit-new'])
  expect(ids(inboxAlerts(alerts, { ...ALL, state: 'resolved' }))).toEqual(['gone'])
  expect(ids(inboxAlerts(alerts, { ...ALL, mine: 'li' }))).toEqual(['warn-acked-by-li'])
  expect(ids(inboxAlerts(alerts, { ...ALL, mine: 'li', severity: 'critical' }))).toEqual([])
})

/** Alerts of two rules in three places, one of them for the whole territory (no region label). */
const placed = [
  alert('abandon-d01', { labels: { rule: 'abandon-high', region: 'D01' } }),
  alert('abandon-d02', { labels: { rule: 'abandon-high', region: 'D02' }, severity: 'critical' }),
  alert('surge-d02', { rule_id: 'surge', rule_name: '话务突增', labels: { rule: 'surge', region: 'D02' } }),
  alert('surge-total', { rule_id: 'surge', rule_name: '话务突增', labels: { rule: 'surge' } }),
  alert('surge-d03-gone', { rule_id: 'surge', rule_name: '话务突增', labels: { rule: 'surge', region: 'D03' }, state: 'resolved' }),
]

test('filters: region (the region label; an alert of the whole territory has none) and rule, with the others', () => {
  expect(ids(inboxAlerts(placed, { ...ALL, region: 'D02' }))).toEqual(['abandon-d02', 'surge-d02'])
  expect(ids(inboxAlerts(placed, { ...ALL, rule: 'surge' }))).toEqual(['surge-d02', 'surge-total'])
  expect(ids(inboxAlerts(placed, { ...ALL, rule: 'surge', region: 'D02' }))).toEqual(['surge-d02'])
  expect(ids(inboxAlerts(placed, { ...ALL, rule: 'surge', region: 'D02', severity: 'critical' }))).toEqual([])
  expect(ids(inboxAlerts(placed, { ...ALL, region: 'D03', state: 'resolved' }))).toEqual(['surge-d03-gone'])
})

test('the region and rule filters offer those of the alerts present, and keep the one chosen after its alerts have gone', () => {
  expect(filterChoices(placed, ALL)).toEqual({
    regions: ['D01', 'D02', 'D03'],
    // By name, in pinyin order: hū (呼) before huà (话).
    rules: [
      { id: 'abandon-high', name: '呼损率过高' },
      { id: 'surge', name: '话务突增' },
    ],
  })
  expect(filterChoices([], { ...ALL, region: 'D09', rule: 'gone-rule' })).toEqual({ regions: ['D09'], rules: [{ id: 'gone-rule', name: 'gone-rule' }] })
})

test('unacknowledged counts are of firing alerts only', () => {
  expect(unacknowledgedCounts(alerts)).toEqual({ critical: 2, warning: 1, info: 1 })
})

test('new critical alerts: none from the first list, then each one that starts firing, once; silenced and inhibited ones are quiet', () => {
  const first = newCriticals(null, alerts)
  expect(first.fresh).toEqual([])
  const again = newCriticals(first.seen, alerts)
  expect(again.fresh).toEqual([])
  const next = [...alerts, alert('crit-3', { severity: 'critical' }), alert('crit-quiet', { severity: 'critical', silenced: true }), alert('crit-held', { severity: 'critical', inhibited_by: 'crit-old' }), alert('warn-3', {})]
  const third = newCriticals(again.seen, next)
  expect(ids(third.fresh)).toEqual(['crit-3'])
  expect(newCriticals(third.seen, next).fresh).toEqual([])
  // Acknowledged, then firing again (reopened): new again.
  const acknowledged = next.map((a) => (a.id === 'crit-3' ? { ...a, state: 'acknowledged' as const } : a))
  const afterAck = newCriticals(third.seen, acknowledged)
  expect(ids(newCriticals(afterAck.seen, next).fresh)).toEqual(['crit-3'])
})
