// The notification pipeline in virtual time, on a real embedded store:
// grouping (group_wait, group_interval, repeat_interval), muting (inhibition
// and silences as the engine flags them), the rate limit's digest, a storm,
// and "never twice" across a restart and a reload. The channels are FAKE
// notifiers implementing the Notifier interface (tests/support/pipeline-fakes.ts):
// this file tests what the pipeline decides to send, not how a vendor gets it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { notificationAttempts } from '../server/alerting/notify/attempts.ts'
import { claimKeys, recordAttempt } from '../server/alerting/notify/deliveries-store.ts'
import { NotificationLog } from '../server/alerting/notify/notification-log.ts'
import { HOUR, MINUTE, openRig, SECOND, T0, testConfig, TEST_ROUTES, type Rig } from './support/pipeline-rig.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

let store: TempStore
let rig: Rig
const open = async (...args: Parameters<typeof openRig> extends [unknown, ...infer R] ? R : never) => (rig = await openRig(store, ...args))

beforeEach(async () => {
  store = await openTempStore()
})
afterEach(async () => {
  await rig.pipeline.stop()
  await store.destroy()
})

const ids = (alerts: ReadonlyArray<{ id: string }>) => alerts.map((a) => a.id).sort()
const robot = () => rig.channels.to('duty-robot')

describe('grouping', () => {
  it('gathers what fires within group_wait into one message, tells new alerts after group_interval, repeats after repeat_interval, and not once acknowledged', async () => {
    await open(testConfig({ escalation: null }))
    const { clock, feed } = rig
    const a = feed.fire({ labels: { region: 'R01' } })
    await clock.advance(2 * SECOND)
    const b = feed.fire({ labels: { region: 'R02' } })
    await clock.advance(7 * SECOND)
    expect(robot()).toHaveLength(0)

    await clock.advance(2 * SECOND) // group_wait (10 s) has passed since the first alert
    expect(robot()).toHaveLength(1)
    expect(robot()[0].at).toBe(T0 + 10 * SECOND)
    expect(robot()[0].notification.reason).toBe('firing')
    expect(ids(robot()[0].notification.firing)).toEqual(ids([a, b]))
    expect(robot()[0].notification.group_labels).toEqual({ rule: 'answer_rate_low' })
    expect(robot()[0].notification.recipients.map((r) => r.username)).toEqual(['off1', 'off2'])
    expect(rig.channels.to('hook')).toHaveLength(1)

    await clock.advance(10 * SECOND)
    const c = feed.fire({ labels: { region: 'R03' } })
    await clock.advance(48 * SECOND) // T0+69s: the group's next flush is at T0+70s
    expect(robot()).toHaveLength(1)
    await clock.advance(2 * SECOND)
    expect(robot()).toHaveLength(2)
    expect(robot()[1].at).toBe(T0 + 70 * SECOND)
    expect(ids(robot()[1].notification.firing)).toEqual(ids([a, b, c]))

    // Nothing new: silent until repeat_interval (2 h) since the last send, at a group_interval tick.
    await clock.advance(2 * HOUR - 2 * MINUTE)
    expect(robot()).toHaveLength(2)
    await clock.advance(2 * MINUTE)
    expect(robot()).toHaveLength(3)
    expect(robot()[2].notification.reason).toBe('reminder')
    expect(robot()[2].at).toBe(T0 + 70 * SECOND + 2 * HOUR)

    // Someone owns them: no more reminders.
    for (const x of [a, b, c]) feed.ack(x.id)
    await clock.advance(5 * HOUR)
    expect(robot()).toHaveLength(3)

    // Resolved: one resolved message, then the group is done.
    for (const x of [a, b, c]) feed.resolve(x.id)
    await clock.advance(MINUTE)
    expect(robot()).toHaveLength(4)
    expect(robot()[3].notification.reason).toBe('resolved')
    expect(ids(robot()[3].notification.resolved)).toEqual(ids([a, b, c]))
    await clock.advance(3 * HOUR)
    expect(robot()).toHaveLength(4)
    expect(rig.channels.duplicates).toBe(0)
  })

  it('keeps groups apart by route and group_by: a critical alert goes out per rule and region', async () => {
    await open(testConfig({ escalation: null }))
    rig.feed.fire({ rule: 'outage_big', severity: 'critical', labels: { region: 'R01' } })
    rig.feed.fire({ rule: 'outage_big', severity: 'critical', labels: { region: 'R02' } })
    rig.feed.fire({ labels: { region: 'R01' } })
    await rig.clock.advance(11 * SECOND)
    expect(robot().map((d) => d.notification.group_labels)).toEqual(
      expect.arrayContaining([{ rule: 'outage_big', region: 'R01' }, { rule: 'outage_big', region: 'R02' }, { rule: 'answer_rate_low' }]),
    )
    expect(robot()).toHaveLength(3)
  })
})

describe('muting', () => {
  it('holds back an alert the engine marks inhibited (a critical outage in its region) and tells it once released', async () => {
    await open(testConfig({ escalation: null }))
    const { clock, feed } = rig
    const outage = feed.fire({ rule: 'outage_big', severity: 'critical', labels: { region: 'R01' } })
    const held = feed.fire({ rule: 'calls_offered_high', labels: { region: 'R01' } })
    feed.change(held.id, { inhibited_by: outage.id }, 'inhibited')
    const other = feed.fire({ rule: 'calls_offered_high', labels: { region: 'R02' } })
    await clock.advance(11 * SECOND)
    const told = robot().flatMap((d) => d.notification.firing.map((a) => a.id))
    expect(told).toContain(outage.id)
    expect(told).toContain(other.id)
    expect(told).not.toContain(held.id)
    expect(await notificationAttempts(store, held.id)).toEqual([])

    feed.resolve(outage.id)
    feed.change(held.id, { inhibited_by: null }, 'released')
    await clock.advance(MINUTE)
    const calls = robot().filter((d) => d.notification.group_labels.rule === 'calls_offered_high')
    expect(calls).toHaveLength(2)
    expect(ids(calls[1].notification.firing)).toEqual(ids([held, other]))
  })

  it('does not push a silenced alert (still recorded by the engine), and pushes it when the silence ends while it still fires', async () => {
    await open(testConfig())
    const { clock, feed } = rig
    const quiet = feed.fire({ labels: { region: 'R05' } })
    feed.change(quiet.id, { silenced: true }, 'silenced')
    await clock.advance(30 * MINUTE)
    // Neither the officers' robot nor escalation: a silence is for planned work.
    expect(rig.channels.delivered).toEqual([])
    expect(feed.escalations).toEqual([])

    feed.change(quiet.id, { silenced: false }, 'unsilenced')
    await clock.advance(MINUTE)
    expect(robot()).toHaveLength(1)
    expect(ids(robot()[0].notification.firing)).toEqual([quiet.id])
  })
})

describe('rate limit and storms', () => {
  it('sends a robot at most 20 messages a minute and merges the rest into one digest, recording every alert', async () => {
    await open(testConfig({ escalation: null }))
    const alerts = Array.from({ length: 25 }, (_, i) => rig.feed.fire({ rule: `rule_${String(i).padStart(2, '0')}` }))
    await rig.clock.advance(11 * SECOND)
    expect(robot()).toHaveLength(20)
    expect(rig.channels.to('hook')).toHaveLength(25) // a webhook has no limit

    await rig.clock.advance(60 * SECOND) // the window frees a place at T0+70s
    expect(robot()).toHaveLength(21)
    const digest = robot()[20]
    expect(digest.at).toBe(T0 + 70 * SECOND)
    expect(digest.notification.reason).toBe('digest')
    expect(digest.notification.firing.length + digest.notification.truncated).toBe(5)

    for (const a of alerts) {
      const attempts = (await notificationAttempts(store, a.id)).filter((x) => x.receiver_id === 'duty-robot')
      expect(attempts.map((x) => x.outcome)).toEqual(['sent'])
    }
    // The digest told them: the next minutes repeat nothing.
    await rig.clock.advance(10 * MINUTE)
    expect(robot()).toHaveLength(21)
    expect(rig.channels.duplicates).toBe(0)
  })

  it('turns 200 work orders going overdue within a minute into a handful of messages per receiver, every alert recorded', async () => {
    await open(testConfig())
    const alerts = []
    for (let i = 0; i < 200; i++) {
      alerts.push(rig.feed.fire({ rule: 'workorder_overdue', labels: { region: `R0${(i % 5) + 1}`, team: `T${i % 7}` } }))
      await rig.clock.advance(300) // 200 in 60 s
    }
    await rig.clock.advance(9 * MINUTE) // escalation to the lead comes at 5 min
    const counts: Record<string, number> = {}
    for (const d of rig.channels.delivered) counts[d.receiver] = (counts[d.receiver] ?? 0) + 1
    expect(Object.keys(counts).sort()).toEqual(['duty-robot', 'hook', 'lead-app', 'lead-robot'])
    // One group: its first message after group_wait, one more with all 200 at group_interval; the lead's
    // tier goes out in batches of what fell due within ESCALATION.batchMs (10 s) of each other.
    expect(counts['duty-robot']).toBe(2)
    expect(counts.hook).toBe(2)
    expect(counts['lead-app']).toBeLessThanOrEqual(6)
    expect(counts['lead-robot']).toBeLessThanOrEqual(6)
    // A message lists a few and counts the rest; a webhook carries them all.
    const first = robot()[0].notification
    expect(first.firing.length).toBeLessThanOrEqual(10)
    expect(robot().at(-1)?.notification.truncated).toBe(190)
    expect(rig.channels.to('hook').at(-1)?.notification.firing).toHaveLength(200)

    for (const a of alerts) {
      const receivers = new Set((await notificationAttempts(store, a.id)).filter((x) => x.outcome === 'sent').map((x) => x.receiver_id))
      expect([...receivers].sort()).toEqual(['duty-robot', 'hook', 'lead-app', 'lead-robot'])
    }
    expect(rig.channels.duplicates).toBe(0)
  })
})

describe('never twice', () => {
  it('after a restart, the notification log in the store keeps what was sent from being sent again; only what is new goes out', async () => {
    await open(testConfig({ escalation: null }))
    const a = rig.feed.fire({ labels: { region: 'R01' } })
    const b = rig.feed.fire({ labels: { region: 'R02' } })
    await rig.clock.advance(11 * SECOND)
    expect(robot()).toHaveLength(1)

    await rig.clock.advance(20 * SECOND)
    await rig.restart()
    await rig.clock.advance(5 * MINUTE)
    expect(robot()).toHaveLength(1)
    expect(rig.channels.to('hook')).toHaveLength(1)

    const c = rig.feed.fire({ labels: { region: 'R03' } })
    await rig.clock.advance(MINUTE)
    expect(robot()).toHaveLength(2)
    expect(ids(robot()[1].notification.firing)).toEqual(ids([a, b, c]))

    // A restart after the resolution was told: nothing again.
    for (const x of [a, b, c]) rig.feed.resolve(x.id)
    await rig.clock.advance(MINUTE)
    expect(robot()).toHaveLength(3)
    await rig.restart()
    await rig.clock.advance(10 * MINUTE)
    expect(robot()).toHaveLength(3)
    expect(rig.channels.duplicates).toBe(0)
  })

  it('a robot answering later than the group_interval (under load) is not sent the message again by the next flush', async () => {
    // The routes of tests/e2e/alerting.test.ts, where this was seen: a flush every second.
    const routes = [{ match: {}, receivers: ['duty-robot'], group_wait: '1s', group_interval: '1s' }]
    await open(testConfig({ escalation: null, routes }))
    // The robot takes each message at once and answers 3 s later: past the next two flushes, within its timeout (10 s).
    rig.channels.slow.set('duty-robot', 3 * SECOND)
    const a = rig.feed.fire()
    await rig.clock.advance(10 * SECOND)

    expect(robot()).toHaveLength(1)
    expect(rig.channels.attempts.filter((x) => x.receiver === 'duty-robot')).toHaveLength(1)
    expect(rig.channels.duplicates).toBe(0)
    expect((await notificationAttempts(store, a.id)).map((x) => x.outcome)).toEqual(['sent'])
  })

  it('a reload that adds a route above the others and changes timings keeps every group key: nothing is re-sent (alertmanager#627)', async () => {
    await open(testConfig({ escalation: null }))
    rig.feed.fire({ labels: { region: 'R01' } })
    rig.feed.fire({ rule: 'outage_big', severity: 'critical', labels: { region: 'R01' } })
    await rig.clock.advance(11 * SECOND)
    expect(robot()).toHaveLength(2)

    const routes = [{ match: { rule: 'not_firing' }, receivers: ['hook'] }, ...TEST_ROUTES.map((r) => ({ ...r, group_interval: '2m' }))]
    rig.pipeline.reconfigure(testConfig({ escalation: null, routes }))
    await rig.clock.advance(10 * MINUTE)
    expect(robot()).toHaveLength(2)
    // And the same after a restart with that configuration.
    await rig.restart(testConfig({ escalation: null, routes }))
    await rig.clock.advance(10 * MINUTE)
    expect(robot()).toHaveLength(2)
  })
})

describe('the store of deliveries', () => {
  it('claims a key once sent never again, a key left sending by a crash or failed once more; the log is never overwritten by an older send', async () => {
    await open(testConfig({ escalation: null }))
    const alert = randomUUID()
    const attempt = (key: string, outcome: 'sent' | 'failed' | 'retrying', at: number, firing: string[]) =>
      recordAttempt(
        store,
        { at, alertIds: [alert], receiverId: 'duty-robot', receiverType: 'dingtalk_robot', reason: 'firing', attempt: 1, outcome, error: null, key },
        [{ groupKey: 'g', firing, resolved: [], at }],
      )
    expect([...(await claimKeys(store, [{ key: 'k1', receiverId: 'duty-robot' }, { key: 'k2', receiverId: 'duty-robot' }, { key: 'k3', receiverId: 'duty-robot' }], T0))].sort()).toEqual(['k1', 'k2', 'k3'])
    await attempt('k1', 'sent', T0 + 2 * SECOND, [alert])
    await attempt('k2', 'failed', T0, [])
    // k3 stays 'sending': the process died between its send and its record.
    expect([...(await claimKeys(store, ['k1', 'k2', 'k3'].map((key) => ({ key, receiverId: 'duty-robot' })), T0 + MINUTE))].sort()).toEqual(['k2', 'k3'])

    // An older send recorded late does not replace the log's newer row; a failed attempt writes no row.
    await attempt('k4', 'sent', T0 + SECOND, [])
    const log = new NotificationLog()
    await log.load(store)
    expect(log.get('duty-robot', 'g')).toEqual({ firing: [alert], resolved: [], sentAt: T0 + 2 * SECOND })
    expect((await notificationAttempts(store, alert)).map((a) => [a.key, a.outcome])).toEqual([
      ['k2', 'failed'],
      ['k4', 'sent'],
      ['k1', 'sent'],
    ])
  })
})
