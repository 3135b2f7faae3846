// Alerting end to end: the real all-in-one server (bin/start.ts, embedded
// ClickHouse, on the fixed clock of tests/support/app-process.ts) with an
// ALERTING_FILE of one KPI rule and two robots, the local DingTalk (checking
// 加签) and WeCom test servers, and a paired wall in headless Chromium.
// Events posted by a program drive the KPI across its threshold: exactly one
// signed DingTalk message and one WeCom message; the wall's alert zone shows
// the alert and sounds its tone until an officer acknowledges it through the
// API, after which the wall names the officer within 2 s and falls silent;
// when the KPI clears, exactly one resolved message reaches each robot.
import { createHmac, randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Alert, AlertDetail } from '../../schemas/alerts.ts'
import { appAccess, type HttpSession } from '../support/app-access.ts'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser } from '../support/browser.ts'
import { DingtalkServer } from '../support/robots/dingtalk-server.ts'
import { WecomServer } from '../support/robots/wecom-server.ts'
import { abandonmentRule } from './abandonment-rule.ts'
import { postEvents } from './events.ts'
import { openWall, screenshot } from './wall-page.ts'

const slow = { timeout: 240_000 }
const DING_TOKEN = 'e2e-ding-token'
const DING_SECRET = 'SECe2e+alerting/secret=='
const WECOM_KEY = 'e2e-wecom-key'
const RULE = 'abandonment-high'

let app: AppProcess
let browser: Browser
let ding: DingtalkServer
let wecom: WecomServer

// The server's clock is moved (a fixed hour in the center's day); the robots judge timestamps by it.
const serverNow = () => app.now()

function alertingFile(dir: string): string {
  const file = join(dir, 'alerting.json')
  writeFileSync(
    file,
    JSON.stringify({
      rules: [abandonmentRule(RULE, '呼损率过高（端到端测试）')],
      receivers: [
        { id: 'ding-duty', type: 'dingtalk_robot', url: `${ding.url}/robot/send?access_token=${DING_TOKEN}`, secret: DING_SECRET },
        { id: 'wecom-duty', type: 'wecom_robot', url: `${wecom.url}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      ],
      routes: [{ match: {}, receivers: ['ding-duty', 'wecom-duty'], group_by: ['rule'], group_wait: '1s', group_interval: '1s', repeat_interval: '4h' }],
      // Far beyond the test: the wall shows when it would happen, nothing more is sent.
      escalation: { severities: ['critical'], tiers: [{ after: '30m', notify: ['wecom-duty'] }], remind_every: '1h' },
    }),
  )
  return file
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-alerting-e2e-'))
  // The shipped layouts, with the default's tone repeating every 5 s instead of 30, so the repeat is seen within the test.
  const layoutsDir = join(dir, 'layouts')
  const layouts = join(REPO, 'dashboard', 'layouts')
  mkdirSync(layoutsDir)
  for (const name of readdirSync(layouts)) copyFileSync(join(layouts, name), join(layoutsDir, name))
  const layout = JSON.parse(readFileSync(join(layoutsDir, 'default.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(join(layoutsDir, 'default.json'), JSON.stringify({ ...layout, alert_tone: { severity: 'critical', repeat_seconds: 5 } }))

  ding = await new DingtalkServer(DING_TOKEN, DING_SECRET, () => serverNow()).start()
  wecom = await new WecomServer({ robotKey: WECOM_KEY, corpId: 'e2e', secret: 'e2e', agentId: 1, users: [], now: () => serverNow() }).start()
  // No simulator: the calls counted are the test's own.
  app = await startApp({ env: { ALERTING_FILE: alertingFile(dir), LAYOUTS_DIR: layoutsDir, SIMULATOR: 'off' } })
  // Kiosk walls are started so (docs: dashboard/layouts/README.md); without it Chromium holds the tone back.
  browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required'])
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await ding?.close()
  await wecom?.close()
})

async function api<T>(session: HttpSession | null, path: string, body?: object): Promise<{ status: number; json: T }> {
  const response = await fetch(`${app.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { connection: 'close', ...(body ? { 'content-type': 'application/json' } : {}), ...(session?.headers ?? {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: response.status, json: (await response.json()) as T }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined> | T | null | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== null && value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}\n${app.output().slice(-3000)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Calls that left the queue a second ago, in region D05: abandoned after a minute's wait, or answered within 5 s. */
function leftQueue(type: 'call.abandoned' | 'call.answered', count: number, now: number): object[] {
  return Array.from({ length: count }, () => ({
    event_id: randomUUID(),
    type,
    occurred_at: new Date(now - 1000).toISOString(),
    source: 'e2e-test',
    region: 'D05',
    schema_version: 1,
    call_id: `e2e-call-${randomUUID()}`,
    queue: 'consult',
    ...(type === 'call.answered' ? { agent_id: 'e2e-agent', wait_ms: 5_000 } : { wait_ms: 60_000 }),
  }))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const dingMessages = () => ding.requests.filter((r) => r.path === '/robot/send')
const wecomMessages = () => wecom.robotRequests

/** DingTalk's 加签 recomputed here, independently of the server under test and of the test robot. */
function signedForDingtalk(query: URLSearchParams): boolean {
  const timestamp = query.get('timestamp') ?? ''
  const sign = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64')
  return query.get('access_token') === DING_TOKEN && query.get('sign') === sign && Math.abs(Number(timestamp) - serverNow()) < 3_600_000
}

test('a KPI past its threshold: one signed DingTalk and one WeCom message, the wall shows and sounds it, names the officer who acknowledged it within 2 s, and one resolved message each', slow, async () => {
  const reader = await appAccess(app).person('viewer')
  const officer = await appAccess(app).person('officer')
  const wall = await openWall(browser, app, { viewport: { width: 1920, height: 1080 } })
  try {
    const zone = wall.page.locator('[data-panel="alert_zone"]')
    await wall.page.locator('[data-panel="alert_zone"][data-ready="true"]').waitFor({ timeout: 60_000 })

    // 40 calls abandoned after waiting a minute, none answered: an abandonment rate of 100 %, past the rule's 50 %.
    expect(await postEvents(app, leftQueue('call.abandoned', 40, app.now()))).toMatchObject({ accepted: 40, rejected: 0 })
    const alert = await until('the alert to fire', 60_000, async () => {
      const { json } = await api<{ items: Alert[] }>(reader, `/api/v1/alerts?rule=${RULE}`)
      return json.items.find((a) => a.state === 'firing')
    })
    expect(alert).toMatchObject({ severity: 'critical', rule_id: RULE, acknowledged: null })

    // Exactly one message per robot: the group wait (1 s) passes, and nothing follows it.
    await until('a message on each robot', 30_000, () => (dingMessages().length >= 1 && wecomMessages().length >= 1 ? true : null))
    await sleep(4_000)
    expect(dingMessages()).toHaveLength(1)
    expect(wecomMessages()).toHaveLength(1)
    expect(signedForDingtalk(dingMessages()[0].query)).toBe(true)
    expect(dingMessages()[0].body).toContain('呼损率过高（端到端测试）')
    expect(wecomMessages()[0].body).toContain('呼损率过高（端到端测试）')

    // On the wall: the alert, critical, not yet acknowledged, with when it escalates to the first tier
    // (30 minutes after it fired, from the moment it fires); the tone sounds and repeats.
    const row = zone.locator(`[data-alert-id="${alert.id}"]`)
    await row.waitFor({ timeout: 10_000 })
    expect(await row.getAttribute('data-state')).toBe('firing')
    await expect(row.innerText()).resolves.toMatch(/告警[\s\S]*未签收 · \d\d:\d\d 升级/)
    expect(Date.parse(alert.escalation.next_at!) - Date.parse(alert.fired_at!)).toBe(30 * 60_000)
    const wallRoot = wall.page.locator('.wall')
    expect(await wallRoot.getAttribute('data-tone')).toBe('sounding')
    await wall.page.waitForFunction(() => Number(document.querySelector('.wall')?.getAttribute('data-tone-plays')) >= 2, undefined, { timeout: 15_000, polling: 200 })
    await screenshot(wall.page, 'alerting-wall-firing.png')

    // 签收 through the API as an officer: on the wall within 2 s, with the officer's name; the tone stops.
    const ack = await api<Alert>(officer, `/api/v1/alerts/${alert.id}/ack`, { comment: '已通知班组核查' })
    expect(ack.status).toBe(200)
    const acknowledgedAt = Date.now()
    await wall.page.waitForFunction(
      (id) => {
        const text = document.querySelector(`[data-panel="alert_zone"] [data-alert-id="${id}"]`)?.textContent ?? ''
        return text.includes('已签收') && text.includes('E2E officer')
      },
      alert.id,
      { timeout: 2_000, polling: 50 },
    )
    expect(Date.now() - acknowledgedAt).toBeLessThan(2_000)
    await expect(row.getAttribute('data-state')).resolves.toBe('acknowledged')
    await expect(wallRoot.getAttribute('data-tone')).resolves.toBe('quiet')
    const playsAtAck = Number(await wallRoot.getAttribute('data-tone-plays'))
    await screenshot(wall.page, 'alerting-wall-acknowledged.png')

    // An acknowledgement is not pushed to the robots.
    await sleep(2_000)
    expect(dingMessages()).toHaveLength(1)
    expect(wecomMessages()).toHaveLength(1)

    // 200 calls answered within 5 s: 40 of 240 abandoned (17 %), back under the rule's clear (20 %).
    // It resolves (keep_firing_for 0s): one resolved message per robot, and the wall lets it go.
    expect(await postEvents(app, leftQueue('call.answered', 200, app.now()))).toMatchObject({ accepted: 200, rejected: 0 })
    await until('a resolved message on each robot', 30_000, () => (dingMessages().length >= 2 && wecomMessages().length >= 2 ? true : null))
    await sleep(4_000)
    expect(dingMessages()).toHaveLength(2)
    expect(wecomMessages()).toHaveLength(2)
    expect(signedForDingtalk(dingMessages()[1].query)).toBe(true)
    await row.waitFor({ state: 'detached', timeout: 5_000 })
    // Silent since the acknowledgement (5 s repeats would have sounded by now).
    expect(Number(await wallRoot.getAttribute('data-tone-plays'))).toBe(playsAtAck)

    // Every attempt is on the alert: one firing and one resolved message per robot, all sent.
    const { json: detail } = await api<AlertDetail>(reader, `/api/v1/alerts/${alert.id}`)
    const sent = detail.notifications.filter((n) => n.outcome === 'sent').map((n) => `${n.receiver_id} ${n.reason}`).sort()
    expect(sent).toEqual(['ding-duty firing', 'ding-duty resolved', 'wecom-duty firing', 'wecom-duty resolved'])
    expect(detail.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['firing', 'acknowledged', 'resolved']))
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})
