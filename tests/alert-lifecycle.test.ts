// The alert lifecycle in virtual time (DOMAIN.md §3): the engine over a real
// store, fed made-up ticks at instants the test chooses. Pending until the
// hold, one alert however the value oscillates between fire and clear,
// resolved only after keep_firing_for, reopened within the flap window,
// min_volume, one alert per region for scope "*", first acknowledgement
// wins, a critical closed by hand only with a comment, silences as a flag,
// and a restart that forgets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KpiRule } from '../schemas/alerting-config.ts'
import { readHistory } from '../server/alerting/engine/alert-rows.ts'
import { HttpError } from '../server/http-error.ts'
import { alertRig, territory } from './support/alert-rig.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const SEC = 1000
const MIN = 60 * SEC
const [R1, R2] = territory.regions.map((r) => r.code)
const ALICE = { username: 'alice', displayName: 'Alice' }
const BOB = { username: 'bob', displayName: 'Bob' }
const noAudit = () => Promise.resolve()

let store: TempStore
beforeAll(async () => {
  store = await openTempStore()
})
afterAll(async () => {
  await store?.destroy()
})

let ruleNo = 0
/** Abandonment over 15 minutes: fires above 8 %, clears at or below 5 %, holds 2 minutes, keeps firing 5 minutes. */
function abandonmentRule(over: Partial<KpiRule> = {}): KpiRule {
  ruleNo += 1
  return {
    id: `abandonment-${ruleNo}`, name: '呼损率过高', kind: 'kpi', severity: 'warning', kpi: 'abandonment_rate', window: '15m',
    op: 'above', fire: 0.08, clear: 0.05, for: '2m', keep_firing_for: '5m', ...over,
  }
}

/** The rig with one rule, ticked with the total's value (and each region's, when given). */
async function rig(rule: KpiRule, start?: number) {
  const r = await alertRig(store, [rule], { start })
  const tick = (after: number, value: number | null, opts: { volume?: number; regions?: Record<string, number> } = {}) =>
    r.tick(after, (snapshot) => {
      snapshot.windows['15m'].abandonment_rate = { ...snapshot.windows['15m'].abandonment_rate, value, volume: opts.volume ?? 100 }
      for (const [region, v] of Object.entries(opts.regions ?? {})) {
        snapshot.breakdowns['15m'].region[region] = { abandonment_rate: { value: v, volume: opts.volume ?? 100, status: 'red' } }
      }
    })
  const only = () => {
    const alerts = r.engine.current()
    expect(alerts).toHaveLength(1)
    return alerts[0]
  }
  return { ...r, tick, only }
}

describe('alert lifecycle (virtual time)', () => {
  it('is pending while the value holds for less than `for`, then fires with the value and threshold that fired it', async () => {
    const { tick, kinds, only } = await rig(abandonmentRule())
    await tick(0, 0.1)
    expect(only().state).toBe('pending')
    await tick(1 * MIN, 0.12)
    await tick(59 * SEC, 0.12)
    expect(only().state).toBe('pending')
    await tick(1 * SEC, 0.11)
    const alert = only()
    expect(alert).toMatchObject({ state: 'firing', value: 0.11, threshold: 0.08, severity: 'warning', rule_id: expect.stringMatching(/^abandonment-/) })
    expect(alert.fired_at).not.toBeNull()
    expect(kinds()).toEqual(['pending', 'firing'])
    // The whole history is in the store, with the value that fired it.
    const history = await readHistory(store, alert.id)
    expect(history.map((h) => h.kind)).toEqual(['pending', 'firing'])
    expect(history[1].detail).toMatchObject({ value: 0.11, threshold: 0.08 })
  })

  it('goes back without telling anyone when the value clears before the hold', async () => {
    const { tick, kinds, only } = await rig(abandonmentRule())
    await tick(0, 0.1)
    await tick(1 * MIN, 0.04)
    expect(only().state).toBe('resolved')
    expect(kinds()).toEqual(['pending', 'resolved'])
    expect(only().fired_at).toBeNull()
  })

  it('gives one alert for a value oscillating between clear and fire (hysteresis), firing once', async () => {
    const { tick, changes, only } = await rig(abandonmentRule())
    await tick(0, 0.1)
    await tick(2 * MIN, 0.1)
    const id = only().id
    // In between (6 %): stays firing. Clear (4 %) for less than keep_firing_for, then back: stays firing.
    for (let i = 0; i < 10; i++) {
      await tick(30 * SEC, i % 3 === 0 ? 0.06 : i % 3 === 1 ? 0.04 : 0.09)
      expect(only()).toMatchObject({ id, state: 'firing' })
    }
    expect(changes.filter((c) => c.kind === 'firing' || c.kind === 'reopened')).toHaveLength(1)
  })

  it('keeps firing for keep_firing_for after the value clears, then resolves', async () => {
    const { tick, kinds, only } = await rig(abandonmentRule())
    await tick(0, 0.1)
    await tick(2 * MIN, 0.1)
    await tick(10 * SEC, 0.03)
    await tick(4 * MIN, 0.03)
    await tick(59 * SEC, 0.02)
    expect(only().state).toBe('firing')
    await tick(1 * SEC, 0.03)
    expect(only()).toMatchObject({ state: 'resolved' })
    expect(kinds()).toEqual(['pending', 'firing', 'resolved'])
  })

  it('a value past fire or in between stops the keep-firing clock: clear must hold unbroken', async () => {
    const { tick, only } = await rig(abandonmentRule())
    await tick(0, 0.1)
    await tick(2 * MIN, 0.1)
    await tick(10 * SEC, 0.03)
    await tick(4 * MIN, 0.1)
    await tick(10 * SEC, 0.03)
    await tick(4 * MIN, 0.06)
    await tick(10 * SEC, 0.03)
    await tick(4 * MIN, 0.03)
    expect(only().state).toBe('firing')
    await tick(1 * MIN, 0.03)
    expect(only().state).toBe('resolved')
  })

  it('reopens the same alert when it fires again within the flap window, and makes a new one after it', async () => {
    const { tick, kinds, engine, only } = await rig(abandonmentRule({ keep_firing_for: '0s' }))
    await tick(0, 0.1)
    await tick(2 * MIN, 0.1)
    const id = only().id
    await tick(10 * SEC, 0.03)
    expect(only().state).toBe('resolved')
    await tick(5 * MIN, 0.1)
    expect(only()).toMatchObject({ id, state: 'pending' })
    await tick(2 * MIN, 0.1)
    expect(only()).toMatchObject({ id, state: 'firing' })
    expect(kinds()).toEqual(['pending', 'firing', 'resolved', 'pending', 'reopened'])
    // Resolved again, then quiet past the flap window: the next condition is a new alert.
    await tick(10 * SEC, 0.03)
    await tick(16 * MIN, 0.03)
    expect(engine.current()).toHaveLength(0)
    await tick(10 * SEC, 0.1)
    expect(only().id).not.toBe(id)
  })

  it('does not judge a rate under min_volume (20 calls by default)', async () => {
    const { tick, engine } = await rig(abandonmentRule({ for: '0s' }))
    await tick(0, 0.5, { volume: 2 })
    await tick(10 * SEC, 0.5, { volume: 19 })
    expect(engine.current()).toHaveLength(0)
    await tick(10 * SEC, 0.5, { volume: 20 })
    expect(engine.current()).toHaveLength(1)
  })

  it('gives one alert per region for scope region "*", labelled with its region, with stable fingerprints', async () => {
    const { tick, engine } = await rig(abandonmentRule({ for: '0s', scope: { region: '*' } }))
    await tick(0, 0.02, { regions: { [R1]: 0.2, [R2]: 0.3 } })
    const alerts = engine.current().sort((a, b) => a.labels.region.localeCompare(b.labels.region))
    expect(alerts.map((a) => a.labels.region)).toEqual([R1, R2].sort())
    expect(new Set(alerts.map((a) => a.fingerprint)).size).toBe(2)
    expect(alerts.every((a) => a.state === 'firing')).toBe(true)
  })

  it('lets the first acknowledgement win: a second is refused with 409 naming who was first', async () => {
    const { tick, engine, kinds, only } = await rig(abandonmentRule({ for: '0s' }))
    await tick(0, 0.1)
    const id = only().id
    const acked = await engine.acknowledge(id, ALICE, 'on it', noAudit)
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledged: { by: 'alice', display_name: 'Alice', comment: 'on it' } })
    const second = await engine.acknowledge(id, BOB, 'me too', noAudit).catch((err: unknown) => err)
    expect(second).toBeInstanceOf(HttpError)
    expect(second).toMatchObject({ statusCode: 409, code: 'already_acknowledged', message: expect.stringContaining('Alice (alice)') })
    expect(kinds()).toEqual(['firing', 'acknowledged'])
    // An acknowledged alert still resolves when the value clears for the keep-firing time.
    await tick(10 * SEC, 0.03)
    await tick(5 * MIN, 0.03)
    expect(only().state).toBe('resolved')
  })

  it('resolves a critical alert by hand only with a comment, and records who', async () => {
    const { tick, engine, only } = await rig(abandonmentRule({ for: '0s', severity: 'critical' }))
    await tick(0, 0.1)
    const id = only().id
    await expect(engine.resolve(id, ALICE, '  ', noAudit)).rejects.toMatchObject({ statusCode: 400, code: 'comment_required' })
    expect(only().state).toBe('firing')
    const resolved = await engine.resolve(id, ALICE, '线路已恢复', noAudit)
    expect(resolved).toMatchObject({ state: 'resolved', resolved_by: { by: 'alice', comment: '线路已恢复' } })
    const history = await readHistory(store, id)
    expect(history.at(-1)).toMatchObject({ kind: 'resolved', actor: 'alice', comment: '线路已恢复' })
  })

  it('closed by hand while its condition holds: stays closed, even past the flap window, until the condition clears; when it comes back after that, it fires again', async () => {
    const { tick, engine, only, kinds } = await rig(abandonmentRule({ for: '0s', keep_firing_for: '0s' }))
    await tick(0, 0.1)
    const id = only().id
    await engine.resolve(id, ALICE, '已知线路检修，不再跟踪', noAudit)
    for (let i = 0; i < 40; i++) await tick(MIN, 0.12)
    // Still held, closed, past the flap window: nothing fired again meanwhile.
    expect(only()).toMatchObject({ id, state: 'resolved' })
    expect(kinds()).toEqual(['firing', 'resolved'])
    // The condition is over: past the flap window, the alert is history.
    await tick(MIN, 0.03)
    expect(engine.current()).toEqual([])
    // It comes back: news again, a new alert.
    await tick(MIN, 0.12)
    expect(only()).toMatchObject({ state: 'firing' })
    expect(only().id).not.toBe(id)
    expect(kinds()).toEqual(['firing', 'resolved', 'firing'])
  })

  it('flags a silenced alert (still recorded and shown) while the silence lasts', async () => {
    const rule = abandonmentRule({ for: '0s' })
    const { tick, engine, silences, clock, kinds, only } = await rig(rule)
    await tick(0, 0.1)
    expect(only().silenced).toBe(false)
    await silences.add({ matchers: { rule: rule.id }, starts_at: clock.at, ends_at: clock.at + 10 * MIN, comment: 'planned work', created_by: 'lead' }, clock.at)
    await engine.silencesChanged()
    expect(only()).toMatchObject({ silenced: true, state: 'firing' })
    await tick(11 * MIN, 0.1)
    expect(only()).toMatchObject({ silenced: false, state: 'firing' })
    expect(kinds()).toEqual(['firing', 'silenced', 'unsilenced'])
  })

  it('forgets nothing across a restart: the same alert, its state and its keep-firing clock', async () => {
    const rule = abandonmentRule()
    const first = await rig(rule)
    await first.tick(0, 0.1)
    await first.tick(2 * MIN, 0.1)
    await first.tick(10 * SEC, 0.03)
    const id = first.only().id
    const second = await rig(rule, first.clock.at)
    expect(second.only()).toMatchObject({ id, state: 'firing' })
    // Had the clock restarted with the server, this would still be firing.
    await second.tick(5 * MIN, 0.03)
    expect(second.only().state).toBe('resolved')
    expect(second.kinds()).toEqual(['resolved'])
  })

  it('writes a firing alert\'s moved value to the store 15 s after it moved, leaving its state and clocks as they are', async () => {
    const { tick, only } = await rig(abandonmentRule({ for: '0s' }))
    await tick(0, 0.1)
    const { id, fired_at } = only()
    const stored = async () => (await store.query<{ value: number; state: string; fired_at: Date; summary: string }>('SELECT value, state, fired_at, summary FROM alerts WHERE id = $1', [id]))[0]!
    await tick(SEC, 0.12)
    expect((await stored()).value).toBe(0.1)
    await tick(15 * SEC, 0.13)
    const after = await stored()
    expect(after).toMatchObject({ value: 0.13, state: 'firing' })
    expect(after.fired_at.toISOString()).toBe(fired_at)
    expect(after.summary).toContain('13')
    expect(only().summary).toBe(after.summary)
  })
})
