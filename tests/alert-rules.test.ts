// The kinds of rules beside kpi, in virtual time over a real store: entity
// (one alert per work order, resolved when the order is no longer overdue),
// data (a polling source silent, the snapshot stale, judged even on a failed
// tick), change (against last week), inhibition (a critical outage alert
// holds back its region's warning call alerts), a rule that cannot be judged
// left out with why, and a reload that keeps what fires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rule } from '../schemas/alerting-config.ts'
import type { OutageBrief, Snapshot, WorkorderBrief } from '../schemas/snapshot.ts'
import { alertRig } from './support/alert-rig.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const SEC = 1000
const MIN = 60 * SEC

let store: TempStore
beforeAll(async () => {
  store = await openTempStore()
})
afterAll(async () => {
  await store?.destroy()
})

const order = (id: string, at: number): WorkorderBrief => ({
  workorder_id: id, region: 'D05', category: 'fault_repair', priority: 'high', status: 'dispatched', team: 'field-east',
  created_at: new Date(at - 3 * 3_600_000).toISOString(), due_at: new Date(at - 10 * MIN).toISOString(), milestone: 'arrived', overdue: true,
})
const outage = (id: string, region: string): OutageBrief => ({
  outage_id: id, region, kind: 'fault', feeder: 'F-101', cause: 'fault', customers_affected: 800, key_customers_affected: 2,
  started_at: new Date(0).toISOString(), etr: null, etr_overrun: false,
})

describe('entity rules', () => {
  it('give one alert per overdue order, at once, resolved when the order is no longer overdue', async () => {
    const entities = { workorders: [] as WorkorderBrief[], outages: [] as OutageBrief[] }
    const rule: Rule = { id: 'overdue-entity', name: '工单超时', kind: 'entity', check: 'workorder_overdue', severity: 'critical' }
    const { engine, tick, clock } = await alertRig(store, [rule], { sources: { entities: () => entities } })
    entities.workorders = [order('W-1', clock.at), order('W-2', clock.at)]
    await tick(0)
    const alerts = engine.current()
    expect(alerts.map((a) => [a.labels.workorder_id, a.state, a.value])).toEqual(expect.arrayContaining([['W-1', 'firing', 10], ['W-2', 'firing', 10]]))
    expect(alerts[0].summary).toContain('已超时')
    entities.workorders = [order('W-2', clock.at)]
    await tick(10 * SEC)
    expect(engine.current().map((a) => [a.labels.workorder_id, a.state]).sort()).toEqual([['W-1', 'resolved'], ['W-2', 'firing']])
  })
})

describe('inhibition', () => {
  it('holds back a region’s warning call alerts while a critical outage alert fires there, and releases them after', async () => {
    const entities = { workorders: [] as WorkorderBrief[], outages: [outage('O-1', 'D05')] }
    const rules: Rule[] = [
      { id: 'key-outage-inh', name: '重要客户停电', kind: 'entity', check: 'outage_key_customers', severity: 'critical' },
      { id: 'offered-inh', name: '进线量高', kind: 'kpi', severity: 'warning', kpi: 'calls_offered', window: '15m', scope: { region: '*' }, op: 'above', fire: 100, clear: 50, for: '0s', keep_firing_for: '0s' },
    ]
    const { engine, tick, kinds } = await alertRig(store, rules, { sources: { entities: () => entities } })
    const calls = (n: number) => (s: Snapshot) => {
      s.breakdowns['15m'].region.D05 = { calls_offered: { value: n, status: 'red' } }
    }
    await tick(0, calls(300))
    const outageAlert = engine.current().find((a) => a.rule_id === 'key-outage-inh')!
    const callAlert = () => engine.current().find((a) => a.rule_id === 'offered-inh')!
    expect(callAlert()).toMatchObject({ state: 'firing', inhibited_by: outageAlert.id })
    entities.outages = []
    await tick(10 * SEC, calls(300))
    expect(callAlert()).toMatchObject({ state: 'firing', inhibited_by: null })
    expect(kinds()).toEqual(expect.arrayContaining(['inhibited', 'released']))
  })
})

describe('data rules', () => {
  it('fire for a polling source silent past its minutes, after the hold the rule gives', async () => {
    // A data rule's own minutes are its hold by default; this one adds a minute.
    const rule: Rule = { id: 'silent-source', name: '数据源中断', kind: 'data', check: 'source_silent', severity: 'critical', minutes: 5, for: '1m' }
    const { engine, tick, clock } = await alertRig(store, [rule])
    const silentSince = clock.at - 6 * MIN
    const sources = (s: Snapshot) => {
      s.sources = [
        { source: 'simulator', polling: true, state: 'silent', last_active_at: new Date(silentSince).toISOString(), newest_event_at: null, lag_messages: null },
        { source: 'http', polling: false, state: 'silent', last_active_at: new Date(silentSince).toISOString(), newest_event_at: null, lag_messages: null },
      ]
    }
    await tick(0, sources)
    expect(engine.current()).toMatchObject([{ state: 'pending', labels: { source: 'simulator' } }])
    await tick(1 * MIN, sources)
    expect(engine.current()).toMatchObject([{ state: 'firing', value: 7, labels: { source: 'simulator' } }])
  })

  it('judge a stale snapshot even on a failed tick, while other rules wait for a good one with the history loaded', async () => {
    const rules: Rule[] = [
      { id: 'stale-snapshot', name: '大屏数据过期', kind: 'data', check: 'snapshot_stale', severity: 'critical', for: '0s' },
      { id: 'offered-total', name: '进线量高', kind: 'kpi', severity: 'warning', kpi: 'calls_offered', window: '15m', op: 'above', fire: 1, clear: 0, for: '0s' },
    ]
    const { engine, tick, clock } = await alertRig(store, rules)
    await tick(0, (s) => {
      s.watermark = new Date(clock.at - 3 * MIN).toISOString()
      s.stale = { reason: 'KPI computation failing: boom', since: new Date(clock.at - 2 * MIN).toISOString() }
      s.windows['15m'].calls_offered.value = 50
    }, false)
    expect(engine.current()).toMatchObject([{ rule_id: 'stale-snapshot', state: 'firing', value: 2 }])
    // While the first start's history loads, the figures are not yet the day's: the KPI rule waits.
    await tick(10 * SEC, (s) => {
      s.loading = { source: 'simulator', progress: 0.5 }
      s.windows['15m'].calls_offered.value = 50
    })
    expect(engine.current().map((a) => a.rule_id)).not.toContain('offered-total')
    await tick(10 * SEC, (s) => {
      s.windows['15m'].calls_offered.value = 50
    })
    expect(engine.current().map((a) => a.rule_id)).toContain('offered-total')
  })

  it('do not call a store with nothing in it yet stale: there are no figures to be out of date', async () => {
    const rule: Rule = { id: 'stale-empty', name: '大屏数据过期', kind: 'data', check: 'snapshot_stale', severity: 'critical', for: '0s' }
    const { engine, tick, clock } = await alertRig(store, [rule])
    await tick(0, (s) => {
      s.watermark = null
      s.stale = { reason: 'no events stored yet', since: new Date(clock.at).toISOString() }
    })
    expect(engine.current().filter((a) => a.rule_id === 'stale-empty')).toEqual([])
  })
})

describe('change rules', () => {
  it('fire when a count is factor × last week and at least min_value', async () => {
    const rule: Rule = { id: 'call-storm', name: '话务突增', kind: 'change', severity: 'warning', kpi: 'calls_offered', window: '15m', compare: 'last_week', factor: 3, min_value: 200, for: '0s' }
    const { engine, tick } = await alertRig(store, [rule])
    const offered = (value: number, lastWeek: number) => (s: Snapshot) => {
      s.windows['15m'].calls_offered = { ...s.windows['15m'].calls_offered, value, last_week: lastWeek }
    }
    await tick(0, offered(150, 40))
    expect(engine.current()).toHaveLength(0)
    await tick(10 * SEC, offered(300, 90))
    expect(engine.current()).toMatchObject([{ state: 'firing', value: 300, threshold: 270 }])
  })
})

describe('rules in force', () => {
  it('leaves out a rule that cannot be judged, saying why, and runs the others', async () => {
    const rules: Rule[] = [
      { id: 'bad-breakdown', name: 'x', kind: 'kpi', severity: 'info', kpi: 'calls_offered', window: '15m', scope: { team: '*' }, op: 'above', fire: 1, clear: 0 },
      { id: 'bad-hysteresis', name: 'x', kind: 'kpi', severity: 'info', kpi: 'abandonment_rate', window: '15m', op: 'above', fire: 0.05, clear: 0.08 },
      { id: 'good-one', name: 'x', kind: 'kpi', severity: 'info', kpi: 'calls_offered', window: '15m', op: 'above', fire: 1, clear: 0, for: '0s' },
    ]
    const { engine, tick } = await alertRig(store, rules)
    expect(engine.ruleProblems().map((p) => p.rule)).toEqual(['bad-breakdown', 'bad-hysteresis'])
    expect(engine.ruleProblems()[0].problem).toContain('no breakdown by team')
    await tick(0, (s) => {
      s.windows['15m'].calls_offered.value = 5
    })
    expect(engine.current()).toMatchObject([{ rule_id: 'good-one', state: 'firing' }])
  })

  it('keeps a firing alert through a reload that changes its threshold, and resolves the alerts of a removed rule', async () => {
    const kept: Rule = { id: 'reload-kept', name: 'x', kind: 'kpi', severity: 'warning', kpi: 'calls_offered', window: '15m', op: 'above', fire: 1, clear: 0, for: '0s' }
    const removed: Rule = { ...kept, id: 'reload-removed' }
    const { engine, tick, config, kinds } = await alertRig(store, [kept, removed])
    const five = (s: Snapshot) => {
      s.windows['15m'].calls_offered.value = 5
    }
    await tick(0, five)
    const id = engine.current().find((a) => a.rule_id === 'reload-kept')!.id
    config.set([{ ...kept, fire: 3, name: 'renamed' }])
    await tick(10 * SEC, five)
    const byRule = Object.fromEntries(engine.current().map((a) => [a.rule_id, a]))
    expect(byRule['reload-kept']).toMatchObject({ id, state: 'firing', rule_name: 'renamed' })
    expect(byRule['reload-removed']).toBeUndefined()
    expect(kinds().filter((k) => k === 'firing')).toHaveLength(2)
    expect(kinds()).toContain('resolved')
  })
})
