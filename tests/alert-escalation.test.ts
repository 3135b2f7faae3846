// Escalation in virtual time, on a real embedded store: the officers first
// (the routes), the lead on duty after 5 minutes unacknowledged, the director
// after 15, then reminders; an acknowledgement stops it; a receiver that is
// down is retried, recorded failed, and does not hold the next tier; nothing
// is sent twice when it comes back; a restart goes on from the tier reached.
// The channels are FAKE notifiers implementing the Notifier interface
// (tests/support/pipeline-fakes.ts): the people they address come from the
// roster, which is what is checked here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { notificationAttempts } from '../server/alerting/notify/attempts.ts'
import { MINUTE, openRig, SECOND, T0, testConfig, type Rig } from './support/pipeline-rig.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

let store: TempStore
let rig: Rig

beforeEach(async () => {
  store = await openTempStore()
  rig = await openRig(store, testConfig())
})
afterEach(async () => {
  await rig.pipeline.stop()
  await store.destroy()
})

const sent = () => rig.channels.delivered.map((d) => ({ minute: (d.at - T0) / MINUTE, receiver: d.receiver, reason: d.notification.reason }))
const people = (receiver: string) => rig.channels.to(receiver).map((d) => d.notification.recipients.map((r) => r.username))

describe('escalation', () => {
  it('goes officers → lead on duty → director in order, then reminds the director, while nobody acknowledges', async () => {
    const alert = rig.feed.fire({ labels: { region: 'R01' } })
    await rig.clock.advance(50 * MINUTE)
    // Receivers of one instant are sent to concurrently: in order of time, then by name.
    const byMinute = sent()
      .map((s) => `${Math.floor(s.minute)} ${s.receiver} ${s.reason}`)
      .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b))
    expect(byMinute).toEqual([
      '0 duty-robot firing',
      '0 hook firing',
      '5 lead-app escalation',
      '5 lead-robot escalation',
      '15 director-sms escalation',
      '45 director-sms reminder',
    ])
    // Each tier goes out within ESCALATION.batchMs (10 s) of falling due.
    for (const d of rig.channels.to('lead-app')) expect(d.at - T0).toBeLessThanOrEqual(5 * MINUTE + 10 * SECOND)
    expect(people('duty-robot')).toEqual([['off1', 'off2']])
    expect(people('lead-app')).toEqual([['lead1']])
    expect(rig.channels.to('lead-app')[0].notification.recipients[0]).toMatchObject({ wecom_userid: 'LeadOne', mobile: '13800000001' })
    expect(people('director-sms')).toEqual([['dir'], ['dir']])
    expect(rig.channels.to('director-sms')[0].notification.recipients[0]).toMatchObject({ mobile: '13700000000' })
    // The tier reached is kept with the alert, with when the next is due.
    expect(rig.feed.escalations.map((e) => [e.tier, e.receivers])).toEqual([
      [1, ['lead-app', 'lead-robot']],
      [2, ['director-sms']],
      [2, ['director-sms']],
    ])
    const reminder = rig.channels.to('director-sms')[1].at
    expect(rig.feed.get(alert.id)?.escalation).toEqual({ tier: 2, next_at: new Date(reminder + 30 * MINUTE).toISOString() })
    const reasons = (await notificationAttempts(store, alert.id)).map((a) => `${a.receiver_id} ${a.reason} ${a.outcome}`)
    expect(reasons).toContain('director-sms reminder sent')
  })

  it('stops at an acknowledgement: acknowledged after the lead was told, the director never is', async () => {
    const alert = rig.feed.fire()
    await rig.clock.advance(6 * MINUTE)
    expect(rig.channels.to('lead-app')).toHaveLength(1)
    rig.feed.ack(alert.id, 'lead1')
    await rig.clock.advance(3 * 60 * MINUTE)
    expect(rig.channels.to('director-sms')).toEqual([])
    expect(rig.channels.to('lead-app')).toHaveLength(1)
  })

  it('acknowledged before the first tier: only the officers were ever told', async () => {
    const alert = rig.feed.fire()
    await rig.clock.advance(2 * MINUTE)
    rig.feed.ack(alert.id, 'off1')
    await rig.clock.advance(60 * MINUTE)
    expect(sent().map((s) => s.receiver).sort()).toEqual(['duty-robot', 'hook'])
  })

  it('a receiver that is down is retried, recorded failed, and the alert still reaches the lead and the director through the others; nothing twice when it is back', async () => {
    rig.channels.down.add('lead-app')
    const alert = rig.feed.fire()
    await rig.clock.advance(16 * MINUTE)
    // The lead's robot took the tier; the application was retried until the next tier was due, then given up.
    expect(rig.channels.to('lead-robot')).toHaveLength(1)
    expect(rig.channels.to('lead-app')).toEqual([])
    expect(rig.channels.to('director-sms')).toHaveLength(1)
    const app = (await notificationAttempts(store, alert.id)).filter((a) => a.receiver_id === 'lead-app')
    expect(app.length).toBeGreaterThan(3)
    expect(new Set(app.map((a) => a.key)).size).toBe(1) // one idempotency key over all its retries
    expect(app.slice(0, -1).every((a) => a.outcome === 'retrying')).toBe(true)
    expect(app.at(-1)).toMatchObject({ outcome: 'failed', error: 'HTTP 503 (fake channel down)', reason: 'escalation' })
    expect(rig.channels.attempts.filter((a) => a.receiver === 'lead-app').every((a) => a.at < T0 + 15 * MINUTE + 10 * SECOND)).toBe(true)

    rig.channels.down.delete('lead-app')
    await rig.clock.advance(20 * MINUTE) // past the director's reminder at 45 min
    expect(rig.channels.to('lead-app')).toEqual([])
    expect(rig.channels.to('lead-robot')).toHaveLength(1)
    expect(rig.channels.duplicates).toBe(0)
  })

  it('a group receiver down at the first flush is retried within group_interval and again at the next flushes under the same key; back up, it gets the message once', async () => {
    rig.channels.down.add('duty-robot')
    const alert = rig.feed.fire()
    await rig.clock.advance(3 * MINUTE)
    expect(rig.channels.to('duty-robot')).toEqual([])
    const failed = (await notificationAttempts(store, alert.id)).filter((a) => a.receiver_id === 'duty-robot')
    expect(failed.map((a) => a.outcome)).toContain('failed')
    expect(new Set(failed.map((a) => a.key)).size).toBe(1)

    rig.channels.down.delete('duty-robot')
    await rig.clock.advance(30 * MINUTE)
    expect(rig.channels.to('duty-robot')).toHaveLength(1)
    expect(rig.channels.to('duty-robot')[0].notification.key).toBe(failed[0].key)
    expect(rig.channels.duplicates).toBe(0)
  })

  it('a restart goes on from the tier the alert reached: the lead is not told again, the director is told on time', async () => {
    rig.feed.fire()
    await rig.clock.advance(7 * MINUTE)
    expect(rig.channels.to('lead-app')).toHaveLength(1)
    await rig.restart()
    await rig.clock.advance(10 * MINUTE)
    expect(rig.channels.to('lead-app')).toHaveLength(1)
    expect(rig.channels.to('duty-robot')).toHaveLength(1)
    expect(rig.channels.to('director-sms')).toHaveLength(1)
    expect(rig.channels.to('director-sms')[0].at).toBeLessThanOrEqual(T0 + 15 * MINUTE + 10 * SECOND)
    expect(rig.channels.duplicates).toBe(0)
  })

  it("a lead's escalate-now sends the next tier at once, with who asked and why", async () => {
    const alert = rig.feed.fire()
    await rig.clock.advance(MINUTE)
    await rig.pipeline.escalator.escalateNow(rig.feed.get(alert.id)!, 'lead1', '客户投诉激增')
    await rig.clock.advance(SECOND)
    expect(rig.channels.to('lead-app')).toHaveLength(1)
    expect(rig.channels.to('lead-app')[0].notification.firing[0].annotations).toMatchObject({ escalated_by: 'lead1', escalation_comment: '客户投诉激增' })
    expect(rig.feed.escalations.at(-1)).toMatchObject({ id: alert.id, tier: 1 })
    // Tier 1 reached by hand: the 5-minute tier does not go out again.
    await rig.clock.advance(10 * MINUTE)
    expect(rig.channels.to('lead-app')).toHaveLength(1)
  })
})
