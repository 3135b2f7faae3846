// /admin/alerting's rule inputs: which thresholds each kind shows, and the
// rule sent back: numbers as numbers, an emptied optional field dropped (its
// default applies), anything else as typed so the server names the field.
import { expect, test } from 'vitest'
import type { Rule } from '../../schemas/alerting-config.ts'
import { ruleSubject, thresholdFields, withThresholds } from '../../dashboard/src/admin/alert-rule-fields.ts'

const kpi: Rule = { id: 'sl', name: 'SL', kind: 'kpi', severity: 'warning', kpi: 'service_level', window: '15m', scope: { region: '*' }, op: 'below', fire: 0.7, clear: 0.8, min_volume: 30 }

test('each kind shows its thresholds', () => {
  expect(thresholdFields(kpi).map((f) => f.field)).toEqual(['fire', 'clear', 'min_volume'])
  expect(thresholdFields({ id: 'o', name: 'o', kind: 'entity', severity: 'critical', check: 'outage_customers_above', threshold: 1000 }).map((f) => f.field)).toEqual(['threshold'])
  expect(thresholdFields({ id: 'w', name: 'w', kind: 'entity', severity: 'warning', check: 'workorder_overdue' })).toEqual([])
  expect(thresholdFields({ id: 'd', name: 'd', kind: 'data', severity: 'warning', check: 'dead_letter_rate', per_minute: 10 }).map((f) => f.field)).toEqual(['per_minute'])
  expect(ruleSubject(kpi)).toBe('service_level · 15m · region * · below')
})

test('the rule sent back keeps everything else, turns numbers into numbers and drops an emptied optional field', () => {
  expect(withThresholds(kpi, { fire: '0.65', clear: ' 0.8 ', min_volume: '' }, false)).toEqual({ ...kpi, fire: 0.65, clear: 0.8, min_volume: undefined, enabled: false })
  expect('min_volume' in withThresholds(kpi, { fire: '0.65', clear: '0.8', min_volume: '' }, true)).toBe(false)
  expect(withThresholds(kpi, { fire: '70%', clear: '', min_volume: '30' }, true)).toMatchObject({ fire: '70%', clear: '', min_volume: 30 })
})
