// The duty officer's desk in a real browser against a real server. With the
// simulator off and orders posted, an officer clicks a district's overdue
// figure and gets exactly the orders it counts; the exports of that list
// hold the same rows; an order opens to its timeline; a lost connection is
// shown and recovers; an order is supervised (督办) from its timeline, the
// team's reply comes back through ingest, and the officer closes it. Then, with the simulator's traffic, the desk is
// photographed at 1920×1080 and 1366×768 (tests/artifacts, docs/desk.png).
import { randomUUID } from 'node:crypto'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import readXlsxFile from 'read-excel-file/node'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { appAccess } from '../support/app-access.ts'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { outagePastEtr, overdueOrders, postEvents } from './events.ts'
import { screenshot } from './wall-page.ts'

const slow = { timeout: 240_000 }
const HOUR = 3_600_000

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The district row's figure for a KPI, once the live snapshot has it. */
async function regionFigure(page: Page, region: string, kpi: string): Promise<number> {
  const cell = page.locator(`[data-testid="region-table"] tr[data-region="${region}"] [data-kpi="${kpi}"]`)
  await cell.waitFor({ state: 'visible', timeout: 60_000 })
  return Number(await cell.getAttribute('data-value'))
}

describe('drilling down on a quiet server', () => {
  let app: AppProcess
  beforeAll(async () => {
    app = await startApp({ env: { SIMULATOR: 'off' } })
  }, 180_000)
  afterAll(async () => {
    await app?.stop()
  })

  test("a district's overdue figure opens exactly its overdue orders, which export as CSV and XLSX", slow, async () => {
    const ids = ['E2E-D05-1', 'E2E-D05-2', 'E2E-D05-3']
    // Fault repairs in the city have 45 minutes to arrive: two hours old, all overdue. One elsewhere, not counted.
    const orders = [...overdueOrders(ids, 2 * HOUR, app.now()), ...overdueOrders(['E2E-D01-1'], 2 * HOUR, app.now()).map((e) => ({ ...e, region: 'D01' }))]
    expect(await postEvents(app, orders)).toMatchObject({ accepted: 4, rejected: 0 })
    const officer = await appAccess(app).person('officer')
    const desk = await openPage(browser, `${app.url}/desk`, { width: 1366, height: 768 }, [officer.cookie])
    const page = desk.page
    try {
      await page.locator('main[data-view="desk"]').waitFor({ state: 'visible', timeout: 20_000 })
      // The figure the snapshot counts for the district, as the desk shows it.
      await page.waitForFunction(
        () => document.querySelector('[data-testid="region-table"] tr[data-region="D05"] [data-kpi="workorders_overdue_now"]')?.getAttribute('data-value') === '3',
        null,
        { timeout: 60_000 },
      )
      const figure = await regionFigure(page, 'D05', 'workorders_overdue_now')
      await page.locator('tr[data-region="D05"] [data-kpi="workorders_overdue_now"]').click()
      await page.waitForURL(/list=workorders/, { timeout: 10_000 })
      expect(new URL(page.url()).searchParams.get('region')).toBe('D05')
      expect(new URL(page.url()).searchParams.get('overdue')).toBe('true')
      const total = page.locator('[data-testid="drill-total"]')
      // The answer to these filters (the previous list's rows are not counted while it loads).
      await page.locator('[data-testid="drill"][data-state="ready"]').waitFor({ state: 'attached', timeout: 20_000 })
      expect(Number(await total.getAttribute('data-total'))).toBe(figure)
      const rows = await page.locator('[data-testid="drill-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))
      expect(rows.sort()).toEqual(ids)
      await expect(page.locator('[data-sla="overdue"]').count()).resolves.toBe(3)

      // The exports are the list: its filters, its rows.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
      const csvBytes = readFileSync((await csv.path())!)
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = csvBytes.toString('utf8').slice(1).trim().split('\r\n')
      expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(ids)
      expect(lines[1]).toContain('D05')
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
      expect(xlsx.suggestedFilename()).toBe('workorders.xlsx')
      const sheet = (await readXlsxFile(readFileSync((await xlsx.path())!)))[0]?.data ?? []
      expect(sheet.slice(1).map((r) => String(r[0])).sort()).toEqual(ids)

      // An order opens to its timeline, its deadline marked.
      await page.locator('[data-testid="drill-table"] button', { hasText: 'E2E-D05-1' }).click()
      const timeline = page.getByTestId('timeline')
      await timeline.locator('[data-type="workorder.created"]').waitFor({ state: 'visible', timeout: 10_000 })
      // Its pending deadline, with the clock the server judged: arrival, an hour and a quarter late.
      await timeline.getByTestId('timeline-pending').locator('[data-sla="overdue"]').waitFor({ state: 'visible', timeout: 10_000 })
      expect(desk.errors).toEqual([])
    } finally {
      await desk.close()
    }
  })

  test('an order is supervised from its timeline, answered through ingest by the team, and closed', slow, async () => {
    const id = 'E2E-SV-1'
    await postEvents(app, overdueOrders([id], HOUR, app.now()))
    const officer = await appAccess(app).person('officer')
    // Accepted is not yet stored: the page opens on the order once its timeline exists.
    const stored = async () => (await fetch(`${app.url}/api/v1/workorders/${id}/timeline`, { headers: officer.headers })).status === 200
    for (let tries = 0; !(await stored()); tries++) {
      if (tries > 100) throw new Error(`the order ${id} was not stored within 20 s`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const desk = await openPage(browser, `${app.url}/desk?list=workorders&q=${id}&detail=workorder:${id}`, { width: 1366, height: 768 }, [officer.cookie])
    const page = desk.page
    try {
      const timeline = page.getByTestId('timeline')
      await timeline.locator('[data-type="workorder.created"]').waitFor({ state: 'visible', timeout: 30_000 })
      await timeline.getByTestId('supervise').click()
      const form = page.getByTestId('supervision-form')
      // Never dispatched, the order has no team to default to: the officer names one.
      await form.locator('select[name="team"]').selectOption({ index: 1 })
      await form.locator('textarea[name="reason"]').fill('抢修超时未到达现场')
      await form.locator('textarea[name="action"]').fill('立即派员并反馈到达时间')
      await form.locator('button[type="submit"]').click()
      await page.getByTestId('supervision-issued').getByRole('link').click()
      await page.locator('[data-testid="supervision-detail"][data-state="issued"]').waitFor({ state: 'visible', timeout: 15_000 })
      const supervisionId = new URL(page.url()).searchParams.get('detail')!.replace('supervision:', '')
      // The order is in the supervision list, unanswered.
      await page.locator(`[data-testid="drill"][data-list="supervisions"] tr[data-row="${supervisionId}"]`).waitFor({ state: 'visible', timeout: 15_000 })

      // The team's system answers through ingest, as any source does.
      const reply = { event_id: randomUUID(), type: 'supervision.replied', occurred_at: new Date(app.now()).toISOString(), source: 'e2e-team', region: 'D05', schema_version: 1, supervision_id: supervisionId, reply: '已派员，预计30分钟到达' }
      expect(await postEvents(app, [reply])).toMatchObject({ accepted: 1, rejected: 0 })
      await page.locator('[data-testid="supervision-detail"][data-state="replied"]').waitFor({ state: 'visible', timeout: 30_000 })
      await expect(page.getByTestId('supervision-reply').textContent()).resolves.toBe('已派员，预计30分钟到达')
      await page.getByTestId('supervision-close').getByRole('button', { name: '审结通过' }).click()
      await page.locator('[data-testid="supervision-detail"][data-state="closed"]').waitFor({ state: 'visible', timeout: 15_000 })
      await expect(page.locator('[data-testid="supervision-detail"] [data-step="closed"]').textContent()).resolves.toMatch(/officer/)
      expect(desk.errors).toEqual([])
    } finally {
      await desk.close()
    }
  })

  test('a lost connection is said at once and recovers by itself, the drill-down kept', slow, async () => {
    const officer = await appAccess(app).person('officer')
    const desk = await openPage(browser, `${app.url}/desk?list=workorders&overdue=true`, { width: 1366, height: 768 }, [officer.cookie])
    try {
      await desk.page.locator('[data-testid="drill-table"]').waitFor({ state: 'visible', timeout: 30_000 })
      await app.stop()
      await desk.page.getByTestId('connection-lost').waitFor({ state: 'visible', timeout: 15_000 })
      await app.start()
      await desk.page.getByTestId('connection-back').waitFor({ state: 'visible', timeout: 60_000 })
      await desk.page.locator('[data-testid="drill-table"]').waitFor({ state: 'visible', timeout: 30_000 })
      expect(new URL(desk.page.url()).searchParams.get('overdue')).toBe('true')
    } finally {
      await desk.close()
    }
  })
})

describe('the desk with the simulated center running', () => {
  let app: AppProcess
  beforeAll(async () => {
    app = await startApp()
  }, 180_000)
  afterAll(async () => {
    await app?.stop()
  })

  test("photographed at 1920×1080 and 1366×768 with an order's timeline open", slow, async () => {
    // Overdue orders in a few districts and an outage past its ETR on top of the simulator's first minutes, so the picture has rows in every state.
    const orders = ['D01', 'D03', 'D05', 'D05', 'D08'].flatMap((region, i) =>
      overdueOrders([`WO-E2E-${i + 1}`], (50 + 9 * i) * 60_000, app.now()).map((e) => ({ ...e, region })),
    )
    await postEvents(app, [...orders, outagePastEtr('OUT-E2E-1', 'D05', app.now())])
    const officer = await appAccess(app).person('officer')
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      // The open orders, most urgent first: the overdue ones lead.
      const desk = await openPage(browser, `${app.url}/desk?list=workorders&open=true`, { width, height }, [officer.cookie])
      try {
        await desk.page.locator('[data-testid="drill"][data-state="ready"] [data-testid="drill-table"]').waitFor({ state: 'visible', timeout: 90_000 })
        await desk.page.locator('[data-testid="region-table"]').waitFor({ state: 'visible', timeout: 30_000 })
        // The page itself never scrolls sideways at either size.
        await expect(desk.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true)
        const first = desk.page.locator('[data-testid="drill-table"] tbody tr button').first()
        await first.click()
        await desk.page.getByTestId('timeline').locator('li').first().waitFor({ state: 'visible', timeout: 15_000 })
        await desk.page.mouse.move(5, 5)
        const path = await screenshot(desk.page, `desk-${width}x${height}.png`)
        if (width === 1920) copyFileSync(path, join(REPO, 'docs', 'desk.png'))
        expect(desk.errors).toEqual([])
      } finally {
        await desk.close()
      }
    }
  })
})
