// The desk's alert inbox and alert detail in real browsers against the real
// server (bin/start.ts on the fixed clock of tests/support/app-process.ts,
// SIMULATOR off) with an ALERTING_FILE of one critical KPI rule that fires at
// once (`for: 0s`). Events posted by a program fire it: an officer's inbox
// shows it, unacknowledged and marked, and announces it as a new critical
// alert (a tab made to look hidden gets one notification, through a stand-in
// Notification: headless Chromium shows none); the officer acknowledges it with a comment and Enter from the inbox,
// the row says so (it came back over the socket), a paired wall names the
// officer within 2 s of the Enter, the lead's page (/lead) shows it
// acknowledged by them with the comment, and the detail page
// /desk/alerts/<id> has the acknowledgement in its history. A second officer
// whose page never heard of it (its socket held back) acknowledges too and
// is told who was first; a lead is offered escalate and resolve, and a
// critical alert's resolve without a comment shows the server's refusal.
// The one receiver, a webhook where nothing listens, fails: the detail lists
// each attempt with its outcome and error.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { appAccess } from '../support/app-access.ts'
import { freePort, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { abandonmentRule } from './abandonment-rule.ts'
import { postEvents } from './events.ts'
import { openWall, screenshot } from './wall-page.ts'

const slow = { timeout: 240_000 }
const RULE = 'abandonment-desk'
const VIEWPORT = { width: 1920, height: 1080 }

let app: AppProcess
let browser: Browser

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-desk-alerts-e2e-'))
  const file = join(dir, 'alerting.json')
  writeFileSync(
    file,
    JSON.stringify({
      rules: [abandonmentRule(RULE, '呼损率过高（工作台测试）')],
      // A webhook where nothing listens: its failed attempts, with their error, are on the alert's detail.
      receivers: [{ id: 'hook-nowhere', type: 'webhook', url: `http://127.0.0.1:${await freePort()}/hook`, timeout_ms: 1000 }],
      routes: [{ match: {}, receivers: ['hook-nowhere'], group_by: ['rule'], group_wait: '1s', group_interval: '1s', repeat_interval: '4h' }],
    }),
  )
  app = await startApp({ env: { ALERTING_FILE: file, SIMULATOR: 'off' } })
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** Calls abandoned a second ago in D05 after a minute's wait. */
function abandonedCalls(count: number, now: number): object[] {
  return Array.from({ length: count }, () => ({
    event_id: randomUUID(),
    type: 'call.abandoned',
    occurred_at: new Date(now - 1000).toISOString(),
    source: 'e2e-test',
    region: 'D05',
    schema_version: 1,
    call_id: `e2e-call-${randomUUID()}`,
    queue: 'consult',
    wait_ms: 60_000,
  }))
}

test('an officer sees the alert fire in the inbox, acknowledges it with a comment, the detail shows it; a second officer is told who was first; a lead is offered escalate and resolve', slow, async () => {
  const access = appAccess(app)
  // Made in this order: e2e-officer-1, e2e-officer-2, e2e-lead-3 (display names "E2E officer", "E2E lead").
  const officer = await access.person('officer')
  const second = await access.person('officer')
  const lead = await access.person('lead')

  const desk = await openPage(browser, `${app.url}/desk`, VIEWPORT, [officer.cookie])
  const page = desk.page
  const secondContext = await browser.newContext({ viewport: VIEWPORT })
  // The lead follows from the lead's page; the hall from a paired wall.
  const leadPage = await openPage(browser, `${app.url}/lead`, VIEWPORT, [lead.cookie])
  const wall = await openWall(browser, app, { viewport: VIEWPORT })
  try {
    await wall.page.locator('[data-panel="alert_zone"][data-ready="true"]').waitFor({ timeout: 60_000 })
    await leadPage.page.getByTestId('alerts-empty').waitFor({ timeout: 30_000 })
    // The tab in the background, notifications allowed: a stand-in Notification records what the page shows.
    await page.addInitScript(() => {
      const w = window as unknown as { __hidden: boolean; __notes: Array<{ title: string; body: string; tag: string }> }
      w.__hidden = false
      w.__notes = []
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.__hidden })
      class StandIn {
        static permission = 'granted'
        static requestPermission = () => Promise.resolve('granted')
        onclick: (() => void) | null = null
        constructor(title: string, options: { body: string; tag: string }) {
          w.__notes.push({ title, body: options.body, tag: options.tag })
        }
      }
      Object.defineProperty(window, 'Notification', { configurable: true, value: StandIn })
    })
    await page.reload()
    const inbox = page.locator('[data-testid="alert-inbox"]')
    await inbox.locator('[data-testid="inbox-empty"]').waitFor({ timeout: 30_000 })
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true))
    await expect(inbox.innerText()).resolves.toContain('当前没有告警')

    // 40 calls abandoned, none answered: 100 % against the rule's 50 %.
    expect(await postEvents(app, abandonedCalls(40, app.now()))).toMatchObject({ accepted: 40, rejected: 0 })
    const row = inbox.locator('[data-alert-id][data-state="firing"]')
    await row.waitFor({ timeout: 60_000 })
    const id = (await row.getAttribute('data-alert-id'))!
    expect(await row.getAttribute('data-severity')).toBe('critical')
    await expect(row.locator('[data-testid="unacked-marker"]').innerText()).resolves.toContain('未签收')
    await expect(inbox.locator('[data-testid="unacked-count"]').innerText()).resolves.toContain('1 条未签收')
    // A new critical alert was announced: the tone, and (in the background, allowed) one notification naming it.
    expect(await page.evaluate(() => document.documentElement.dataset.criticalAnnounced)).toBe('1')
    const notes = await page.evaluate(() => (window as unknown as { __notes: Array<{ title: string; body: string; tag: string }> }).__notes)
    expect(notes).toEqual([{ title: '新的严重告警', body: expect.stringContaining('呼损率过高（工作台测试）') as string, tag: id }])
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = false))
    // An officer acknowledges; escalate and resolve are for leads.
    expect(await row.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['ack'])
    await screenshot(page, 'desk-alert-inbox-firing.png')

    // The second officer's detail page, opened while it fires, never hears of the first acknowledgement: its socket is held back.
    await secondContext.addCookies([second.cookie])
    const secondPage = await secondContext.newPage()
    await secondPage.routeWebSocket(/socket\.io/, () => undefined)
    await secondPage.route(/socket\.io/, (route) => route.abort())
    await secondPage.goto(`${app.url}/desk/alerts/${id}`)
    await secondPage.locator('[data-testid="alert-actions"] [data-action="ack"]').waitFor({ timeout: 20_000 })

    // 签收 from the inbox by keyboard: A (takes the first unacknowledged alert's comment field), the comment, Enter.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('a')
    await expect(row.locator('input[name="comment"]').evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await page.keyboard.type('已通知班组核查')
    // The wall and the lead's page show it firing, nobody on it.
    await wall.page.locator(`[data-panel="alert_zone"] [data-alert-id="${id}"][data-state="firing"]`).waitFor({ timeout: 10_000 })
    await leadPage.page.locator(`[data-testid="lead-alerts"] [data-alert-id="${id}"][data-state="firing"]`).waitFor({ timeout: 10_000 })
    await page.keyboard.press('Enter')
    const pressedAt = Date.now()
    // On the wall within 2 s: 已签收 with the officer's name.
    await wall.page.waitForFunction(
      (alertId) => {
        const text = document.querySelector(`[data-panel="alert_zone"] [data-alert-id="${alertId}"]`)?.textContent ?? ''
        return text.includes('已签收') && text.includes('E2E officer')
      },
      id,
      { timeout: 2_000, polling: 50 },
    )
    expect(Date.now() - pressedAt).toBeLessThan(2_000)
    // On the lead's page: acknowledged, by whom, with the comment.
    const onLead = leadPage.page.locator(`[data-testid="lead-alerts"] [data-alert-id="${id}"][data-state="acknowledged"]`)
    await onLead.waitFor({ timeout: 5_000 })
    await expect(onLead.getByTestId('alert-owner').innerText()).resolves.toMatch(/E2E officer \d\d:\d\d 已签收 · “已通知班组核查”/)
    const acked = inbox.locator(`[data-alert-id="${id}"][data-state="acknowledged"]`)
    await acked.waitFor({ timeout: 5_000 })
    await expect(acked.innerText()).resolves.toMatch(/E2E officer \d\d:\d\d 已签收 · “已通知班组核查”/)
    await expect(acked.innerText()).resolves.toMatch(/已持续 \d+秒/)
    await expect(acked.locator('[data-testid="unacked-marker"]').count()).resolves.toBe(0)
    await expect(inbox.locator('[data-testid="unacked-count"]').count()).resolves.toBe(0)
    // "Mine": the officer acknowledged it.
    await inbox.locator('.inbox__mine input').check()
    await acked.waitFor({ timeout: 2_000 })

    // The detail page: the acknowledgement in the history, with who and the comment.
    await acked.locator('a.inbox__summary').click()
    await page.waitForURL(`**/desk/alerts/${id}`)
    const history = page.locator('[data-testid="alert-history"]')
    await history.locator('li[data-kind="acknowledged"]').waitFor({ timeout: 10_000 })
    await expect(history.locator('li[data-kind="acknowledged"]').innerText()).resolves.toMatch(/签收 · e2e-officer-1 “已通知班组核查”/)
    await expect(history.locator('li[data-kind="firing"]').count()).resolves.toBe(1)
    await expect(page.locator('[data-testid="alert-state"]').innerText()).resolves.toContain('已签收')
    await expect(page.locator('[data-testid="alert-value"]').innerText()).resolves.toBe('1 / 0.5')
    // Every notification attempt with its outcome and the error (read again until the first is recorded).
    const attempts = page.locator('[data-testid="alert-notifications"] tr[data-outcome]')
    for (let tries = 0; (await attempts.count()) === 0 && tries < 20; tries++) {
      await new Promise((r) => setTimeout(r, 500))
      if (tries % 4 === 3) await page.reload()
    }
    await expect(attempts.first().innerText()).resolves.toMatch(/hook-nowhere \(webhook\)[\s\S]*告警[\s\S]*(失败|重试中)[\s\S]*\S/)
    expect(await attempts.first().getAttribute('data-outcome')).toMatch(/failed|retrying/)
    expect((await attempts.first().locator('td').last().innerText()).trim()).not.toBe('')
    // Nothing left for an officer to do to it.
    await expect(page.locator('[data-testid="alert-actions"]').count()).resolves.toBe(0)
    await screenshot(page, 'desk-alert-detail.png')

    // The second officer, still seeing it firing, acknowledges: refused, naming who was first.
    await secondPage.locator('input[name="comment"]').fill('我来处理')
    await secondPage.locator('input[name="comment"]').press('Enter')
    const refusal = secondPage.locator('[data-testid="action-error"]')
    await refusal.waitFor({ timeout: 5_000 })
    await expect(refusal.innerText()).resolves.toMatch(/already acknowledged by E2E officer \(e2e-officer-1\)/)

    // A lead: escalate and resolve offered; resolving a critical alert without a comment shows the server's message.
    await leadPage.page.goto(`${app.url}/desk/alerts/${id}`)
    const actions = leadPage.page.locator('[data-testid="alert-actions"]')
    await actions.waitFor({ timeout: 20_000 })
    expect(await actions.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['escalate', 'resolve'])
    await actions.locator('[data-action="resolve"]').click()
    await expect(leadPage.page.locator('[data-testid="action-error"]').innerText()).resolves.toContain('needs a comment')

    // Back to the desk.
    await page.locator('[data-testid="back-to-desk"]').click()
    await page.locator('[data-testid="alert-inbox"]').waitFor({ timeout: 10_000 })
    expect(desk.errors).toEqual([])
  } finally {
    await desk.close()
    await secondContext.close()
    await leadPage.close()
    await wall.close()
  }
})

test('an alert that does not exist is said so in words', slow, async () => {
  const officer = await appAccess(app).person('officer')
  const id = randomUUID()
  const missing = await openPage(browser, `${app.url}/desk/alerts/${id}`, VIEWPORT, [officer.cookie])
  try {
    await missing.page.locator('[data-testid="alert-not-found"]').waitFor({ timeout: 20_000 })
    await expect(missing.page.locator('[data-testid="alert-not-found"]').innerText()).resolves.toContain(`没有编号为 ${id} 的告警`)
  } finally {
    await missing.close()
  }
})
