// The notification pipeline on a virtual clock, a real embedded store
// (migrated, so the notification log and the attempts are the real tables),
// the fake feed and the FAKE channels of pipeline-fakes.ts. A second
// pipeline over the same store and feed stands for the next process after a
// restart.
import type { Escalation, Receiver, Roster, Route } from '../../schemas/alerting-config.ts'
import type { AlertingConfig } from '../../server/alerting/config/config-source.ts'
import { NotificationPipeline } from '../../server/alerting/notify/pipeline.ts'
import { FakeChannels, FakeFeed } from './pipeline-fakes.ts'
import type { TempStore } from './temp-store.ts'
import { VirtualScheduler } from './virtual-scheduler.ts'

/** 2026-01-05 10:00 in Shanghai: the day shift of team "a" in TEST_ROSTER. A fixed instant: nothing here reads the real clock. */
export const T0 = Date.UTC(2026, 0, 5, 2, 0)
export const SECOND = 1_000
export const MINUTE = 60_000
export const HOUR = 3_600_000

export const TEST_ROSTER: Roster = {
  shifts: [
    { id: 'day', name: '白班', start: '08:00', end: '20:00' },
    { id: 'night', name: '夜班', start: '20:00', end: '08:00' },
  ],
  teams: { a: { lead: 'lead1', officers: ['off1', 'off2'] }, b: { lead: 'lead2', officers: ['off3'] } },
  rotation: { anchor: '2026-01-01', days: [{ day: 'a', night: 'b' }, { day: 'b', night: 'a' }] },
  director: 'dir',
  contacts: {
    lead1: { mobile: '13800000001', wecom_userid: 'LeadOne', dingtalk_mobile: '13800000001', email: 'lead1@example.cn' },
    lead2: { mobile: '13800000002', wecom_userid: 'LeadTwo' },
    off1: { dingtalk_mobile: '13900000001' },
    dir: { mobile: '13700000000', email: 'dir@example.cn' },
  },
}

export const TEST_RECEIVERS: Receiver[] = [
  { id: 'duty-robot', type: 'dingtalk_robot', url: 'https://robot.example/send?access_token=t', secret: 'SEC', mention: ['officers_on_duty'] },
  { id: 'hook', type: 'webhook', url: 'https://hook.example/alerts' },
  { id: 'lead-app', type: 'wecom_app', corp_id: 'corp', agent_id: 1, secret: 's', to: ['lead_on_duty'] },
  { id: 'lead-robot', type: 'wecom_robot', url: 'https://robot.example/wecom?key=k', mention: ['lead_on_duty'] },
  {
    id: 'director-sms',
    type: 'sms',
    url: 'https://sms.example/send',
    template_id: 'T1',
    body: { phone: '{{phone}}' },
    success: { field: 'Code', equals: 'OK' },
    to: ['director'],
  },
]

export const TEST_ROUTES: Route[] = [
  { match: { severity: 'critical' }, receivers: ['duty-robot', 'hook'], group_by: ['rule', 'region'] },
  { match: {}, receivers: ['duty-robot', 'hook'] },
]

/** Officers first (the routes), then the lead on duty after 5 minutes unacknowledged, the director after 15. */
export const TEST_ESCALATION: Escalation = {
  tiers: [
    { after: '5m', notify: ['lead-app', 'lead-robot'] },
    { after: '15m', notify: ['director-sms'] },
  ],
  remind_every: '30m',
}

export function testConfig(over: Partial<AlertingConfig> = {}): AlertingConfig {
  return { rules: [], receivers: TEST_RECEIVERS, routes: TEST_ROUTES, escalation: TEST_ESCALATION, roster: TEST_ROSTER, origin: 'test', ...over }
}

export interface Rig {
  clock: VirtualScheduler
  feed: FakeFeed
  channels: FakeChannels
  pipeline: NotificationPipeline
  /** A new pipeline on the same store, feed, channels and clock: the next process. */
  restart(config?: AlertingConfig): Promise<NotificationPipeline>
}

export async function openRig(store: TempStore, config: AlertingConfig = testConfig(), start = T0): Promise<Rig> {
  const clock = new VirtualScheduler(start)
  const feed = new FakeFeed(() => clock.now())
  const channels = new FakeChannels(clock)
  const make = (c: AlertingConfig) =>
    new NotificationPipeline(
      { store, feed, createNotifier: channels.create, scheduler: clock, timeZone: 'Asia/Shanghai', publicUrl: new URL('https://cc.example/'), random: () => 0.5 },
      c,
    )
  const rig: Rig = {
    clock,
    feed,
    channels,
    pipeline: make(config),
    async restart(c = config) {
      await rig.pipeline.stop()
      // The old process's listeners die with it: a new feed object over the same alerts.
      const next = new FakeFeed(() => clock.now())
      for (const [id, a] of feed.alerts) next.alerts.set(id, a)
      rig.feed = next
      rig.pipeline = new NotificationPipeline(
        { store, feed: next, createNotifier: channels.create, scheduler: clock, timeZone: 'Asia/Shanghai', publicUrl: new URL('https://cc.example/'), random: () => 0.5 },
        c,
      )
      clock.settleWith(() => rig.pipeline.idle())
      await rig.pipeline.start()
      return rig.pipeline
    },
  }
  clock.settleWith(() => rig.pipeline.idle())
  await rig.pipeline.start()
  return rig
}
