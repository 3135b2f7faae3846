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
// Then a per-district call rule and an overdue-order rule fire in D07 and
// D08: the inbox's region and rule filters narrow the list; the D07 alert's
// detail draws its KPI (the ECharts option read back in the page: today's
// line, comparisons without data named so, fire and clear as level lines and
// the start as a vertical one), its district breakdown with D07 highlighted,
// the related alerts, the district's active outage and, on an order's
// alert, the overdue orders, each leading to the desk's timeline (where the
// order links back to its alert, and to the call it was raised from); a lead silences it for 30 minutes with a
// comment and ends the silence; an officer is not offered 静默.
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
import { offeredCalls, outagePastEtr, overdueOrders, postEvents } from './events.ts'
import { openWall, screenshot } from './wall-page.ts'

const slow = { timeout: 240_000 }
const RULE = 'abandonment-desk'
/** Offered calls of each district over 15 minutes above 5 (nothing the first test posts is an offered call). */
const CALLS_RULE = { id: 'calls-region-desk', name: '区域进线量（工作台测试）', kind: 'kpi', severity: 'warning', kpi: 'calls_offered', window: '15m', scope: { region: '*' }, op: 'above', fire: 5, clear: 2, for: '0s', keep_firing_for: '0s' } as const
const OVERDUE_RULE = { id: 'overdue-desk', name: '工单超时（工作台测试）', kind: 'entity', severity: 'warning', check: 'workorder_overdue' } as const
const VIEWPORT = { width: 1920, height: 1080 }

let app: AppProcess
let browser: Browser

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-desk-alerts-e2e-'))
  const file = join(dir, 'alerting.json')
  writeFileSync(
    file,
    JSON.stringify({
      rules: [abandonmentRule(RULE, '呼损率过高（工作台测试）'), CALLS_RULE, OVERDUE_RULE],
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

interface ChartShown {
  /** A point is [time, value], or a lone one's dot { value: [time, value], … }. */
  series: Array<{ name: string; data: Array<[number, number | null] | { value: [number, number] }>; markLine?: { data: Array<{ yAxis?: number; xAxis?: number }> } }>
  legend: Array<{ data: Array<{ name: string }> }>
}

test("an alert's detail: its KPI's chart with thresholds and start, its breakdown, related alerts and entities; inbox filters; a lead silences and unsilences it", slow, async () => {
  const access = appAccess(app)
  const officer = await access.person('officer')
  const lead = await access.person('lead')
  const now = app.now()
  const inRegion = (region: string) => (e: object) => ({ ...e, region })
  const callId = `e2e-call-${randomUUID()}`
  const callsNow = offeredCalls(10, now).map((call, i) => ({ ...call, region: 'D07', ...(i === 0 ? { call_id: callId } : {}) }))
  const events = [
    // D07: four calls a quarter ago (a complete step, drawn on today's line) and ten now; D08: ten now.
    ...offeredCalls(4, now - 16 * 60_000).map(inRegion('D07')),
    ...callsNow,
    ...offeredCalls(10, now).map(inRegion('D08')),
    // Two fault repairs of D07 never reached in two hours (the first raised from one of the calls), and an outage there.
    ...overdueOrders(['E2E-WO-D07-1', 'E2E-WO-D07-2'], 2 * 3_600_000, now)
      .map(inRegion('D07'))
      .map((order, i) => (i === 0 ? { ...order, call_id: callId } : order)),
    outagePastEtr('E2E-OUT-D07', 'D07', now),
  ]
  expect(await postEvents(app, events)).toMatchObject({ accepted: events.length, rejected: 0 })

  const desk = await openPage(browser, `${app.url}/desk`, VIEWPORT, [officer.cookie])
  const page = desk.page
  const leadPage = await openPage(browser, `${app.url}/`, VIEWPORT, [lead.cookie])
  try {
    const inbox = page.locator('[data-testid="alert-inbox"]')
    const rowsOf = (rule: string) => inbox.locator(`li[data-alert-id][data-rule="${rule}"]`)
    for (const [rule, n] of [[CALLS_RULE.id, 2], [OVERDUE_RULE.id, 2]] as const) {
      for (let tries = 0; (await rowsOf(rule).count()) < n && tries < 120; tries++) await page.waitForTimeout(500)
      expect(await rowsOf(rule).count()).toBe(n)
    }
    // Filters: a district, a rule, both.
    const shownRules = () => inbox.locator('li[data-alert-id]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}:${e.getAttribute('data-region')}`).sort())
    await inbox.locator('select[name="region"]').selectOption('D07')
    expect(await shownRules()).toEqual([`${CALLS_RULE.id}:D07`, `${OVERDUE_RULE.id}:D07`, `${OVERDUE_RULE.id}:D07`])
    await inbox.locator('select[name="rule"]').selectOption(CALLS_RULE.id)
    expect(await shownRules()).toEqual([`${CALLS_RULE.id}:D07`])
    await inbox.locator('select[name="region"]').selectOption('all')
    expect(await shownRules()).toEqual([`${CALLS_RULE.id}:D07`, `${CALLS_RULE.id}:D08`])
    // An officer is not offered 静默 (silences are for leads).
    await expect(inbox.locator('[data-action="silence"]').count()).resolves.toBe(0)
    await screenshot(page, 'desk-alert-inbox-filters.png')

    // The D07 call alert's detail.
    const id = (await rowsOf(CALLS_RULE.id).and(inbox.locator('[data-region="D07"]')).getAttribute('data-alert-id'))!
    await rowsOf(CALLS_RULE.id).and(inbox.locator('[data-region="D07"]')).locator('a.inbox__summary').click()
    await page.waitForURL(`**/desk/alerts/${id}`)
    const startedAt = await page.evaluate(async (alertId) => ((await (await fetch(`/api/v1/alerts/${alertId}`)).json()) as { started_at: string }).started_at, id)
    const handle = await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="alert-chart"] .chart-box__chart') as (Element & { echartsInstance?: { getOption(): unknown } }) | null
        const option = el?.echartsInstance?.getOption() as ChartShown | undefined
        // Today's line with its points: the page may ask before the posted calls are stored, and then draws today empty until its next refresh (each minute).
        return option && option.series?.length === 3 && option.series[0]!.data.length > 0 ? JSON.stringify(option) : null
      },
      undefined,
      { timeout: 75_000 },
    )
    const option = JSON.parse((await handle.jsonValue()) as string) as ChartShown
    const [today, ...comparisons] = option.series
    expect(today.name).toBe('今日')
    // The four calls of the earlier quarter; the quarter in progress is left out, as on the wall.
    expect(today.data.map((d) => (Array.isArray(d) ? d[1] : d.value[1]))).toContain(4)
    // A comparison with no data draws no line and is named so in the legend.
    for (const c of comparisons) expect(c.data.length === 0).toBe(c.name.includes('（无数据）'))
    expect(option.legend[0].data.map((d) => d.name)).toEqual(option.series.map((s) => s.name))
    const marks = today.markLine!.data
    expect(marks.filter((m) => m.yAxis !== undefined).map((m) => m.yAxis)).toEqual([5, 2])
    expect(marks.filter((m) => m.xAxis !== undefined).map((m) => m.xAxis)).toEqual([Date.parse(startedAt)])
    await expect(page.getByTestId('alert-chart-scope').innerText()).resolves.not.toContain('全区合计')
    // Its breakdown: every district, D07 highlighted with its ten calls of the quarter.
    const own = page.locator('[data-testid="alert-breakdown"] tr[data-on="true"]')
    await expect(own.getAttribute('data-key')).resolves.toBe('D07')
    await expect(own.innerText()).resolves.toContain('10')
    // Related alerts: D08's of the same rule and D07's two overdue orders.
    const related = page.locator('[data-testid="related-alerts"] li')
    await expect(related.count()).resolves.toBe(3)
    // Related entities: D07's active outage, leading to its timeline on the desk.
    const outage = page.locator('[data-testid="related-outages"] li[data-outage-id="E2E-OUT-D07"] a')
    expect(await outage.getAttribute('href')).toMatch(/^\/desk\?list=outages&active=true&region=D07&detail=outage%3AE2E-OUT-D07$/)
    await screenshot(page, 'desk-alert-detail-chart.png')
    await outage.click()
    await page.locator('[data-testid="timeline"][data-entity="outage:E2E-OUT-D07"] li[data-type="outage.started"]').waitFor({ timeout: 15_000 })

    // An overdue order's alert: the overdue orders of its district (no team yet), each leading to its timeline, which links back to the alert.
    const orderAlert = (await page.evaluate(async () => ((await (await fetch('/api/v1/alerts?rule=overdue-desk')).json()) as { items: Array<{ id: string; labels: Record<string, string> }> }).items)).find(
      (a) => a.labels.workorder_id === 'E2E-WO-D07-1',
    )!
    await page.goto(`${app.url}/desk/alerts/${orderAlert.id}`)
    const orders = page.locator('[data-testid="related-orders"] li')
    await orders.first().waitFor({ timeout: 15_000 })
    expect(await orders.evaluateAll((els) => els.map((e) => e.getAttribute('data-workorder-id')))).toEqual(['E2E-WO-D07-1', 'E2E-WO-D07-2'])
    expect(await page.getByTestId('all-orders').getAttribute('href')).toBe('/desk?list=workorders&overdue=true&region=D07')
    await orders.first().locator('a').click()
    const timeline = page.locator('[data-testid="timeline"][data-entity="workorder:E2E-WO-D07-1"]')
    await timeline.locator('[data-testid="link-alerts"] a').first().waitFor({ timeout: 15_000 })
    expect(await timeline.locator('[data-testid="link-alerts"] a').getAttribute('data-alert-id')).toBe(orderAlert.id)
    // Enum values in words: the order's priority "normal" and category.
    await expect(timeline.locator('li[data-type="workorder.created"]').innerText()).resolves.toMatch(/受理[\s\S]*故障报修[\s\S]*普通/)
    // The order's call: its timeline, beside the orders raised from it.
    await timeline.getByTestId('link-call').click()
    const callTimeline = page.locator(`[data-testid="timeline"][data-entity="call:${callId}"]`)
    await callTimeline.locator('li[data-type="call.offered"]').waitFor({ timeout: 15_000 })
    await expect(callTimeline.locator('li[data-type="call.offered"]').innerText()).resolves.toContain('进线')
    await page.locator('[data-testid="drill-table"] tr[data-row="E2E-WO-D07-1"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('drill-total').getAttribute('data-total')).resolves.toBe('1')

    // A lead silences the D07 call alert for 30 minutes with a comment, then ends the silence.
    const lp = leadPage.page
    await lp.goto(`${app.url}/desk/alerts/${id}`)
    await lp.locator('[data-action="silence"]').click()
    const form = lp.getByTestId('silence-form')
    await form.locator('select[name="duration"]').selectOption('30m')
    await form.locator('input[name="silence-comment"]').fill('线路检修，已知情')
    await form.locator('[data-action="silence-submit"]').click()
    const silences = lp.locator('[data-testid="alert-silences"] li')
    await silences.first().waitFor({ timeout: 10_000 })
    await expect(silences.first().innerText()).resolves.toMatch(/e2e-lead-\d+ 静默至 .* · “线路检修，已知情”[\s\S]*rule=calls-region-desk, region=D07/)
    // The list comes with the reply; the alert's flag over the socket, applied in the page's next batch.
    await expect.poll(() => lp.getByTestId('alert-state').innerText(), { timeout: 10_000 }).toContain('已静默')
    // Shown silenced in the officer's inbox (over the socket) too.
    await page.goto(`${app.url}/desk`)
    await page.locator(`[data-testid="alert-inbox"] li[data-alert-id="${id}"] .inbox__flag`).waitFor({ timeout: 10_000 })
    await lp.locator('[data-action="end-silence"]').click()
    await silences.first().waitFor({ state: 'detached', timeout: 10_000 })
    await expect.poll(() => lp.getByTestId('alert-state').innerText(), { timeout: 10_000 }).not.toContain('已静默')
    expect([...desk.errors, ...leadPage.errors]).toEqual([])
  } finally {
    await desk.close()
    await leadPage.close()
  }
})
