// /reports in a real browser against the real all-in-one server: once the
// first start's history is loaded, the scheduler makes the daily bulletin it
// missed (its clock stands at 10:30 yesterday, past 08:00), and a viewer
// finds it in the list, opens its page (key figures, charts, the KPI table
// by region, the sections) and downloads its PDF through the page's link.
// Photographed at 1920×1080 (tests/artifacts, docs/reports.png).
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { BulletinSummary } from '../../schemas/bulletins.ts'
import { appAccess, type HttpSession } from '../support/app-access.ts'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { eventually } from '../server-harness.ts'
import { screenshot } from './wall-page.ts'

let app: AppProcess
let browser: Browser
let viewer: HttpSession
let daily: BulletinSummary

beforeAll(async () => {
  app = await startApp({ env: { BULLETIN_CHECK_MS: '10000', BACKFILL_DAYS: '2', SIM_CALL_VOLUME: '0.2' } })
  browser = await launchBrowser()
  viewer = await appAccess(app).person('viewer')
  await eventually(
    async () => {
      const res = await fetch(`${app.url}/api/v1/bulletins?kind=daily`, { headers: viewer.headers })
      const found = ((await res.json()) as { items: BulletinSummary[] }).items[0]
      if (found) daily = found
      return found !== undefined
    },
    150_000,
    'the scheduled daily bulletin',
  )
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

test('a viewer finds the daily bulletin, reads its page and downloads its PDF', { timeout: 120_000 }, async () => {
  const list = await openPage(browser, `${app.url}/reports`, { width: 1920, height: 1080 }, [viewer.cookie])
  try {
    const row = list.page.locator(`[data-testid="reports-list"] tr[data-id="${daily.id}"]`)
    await row.waitFor({ state: 'visible', timeout: 15_000 })
    await row.locator('a').click()
    await list.page.waitForURL(`${app.url}/reports/${daily.id}`)
    await expect(list.page.getByTestId('report-title').innerText()).resolves.toBe(`日预警 · ${daily.period_start}`)
    // Every KPI with a region breakdown, each region a column; the simulated day has calls everywhere.
    const rate = list.page.locator('[data-testid="report-kpis"] tr[data-kpi="abandonment_rate"] td[data-region]')
    await expect(rate.count()).resolves.toBeGreaterThanOrEqual(12)
    await expect(rate.first().innerText()).resolves.toMatch(/^\d+(\.\d)? ?%$/)
    await list.page.getByTestId('report-figures').waitFor({ state: 'visible' })
    await list.page.locator('[data-testid="report-chart-alerts"], [data-testid="report-chart-outages"]').first().waitFor({ state: 'visible' })
    const href = await list.page.getByTestId('download-pdf').getAttribute('href')
    expect(href).toBe(`/api/v1/bulletins/${daily.id}/pdf`)
    const pdf = await list.page.evaluate(async (url) => {
      const res = await fetch(url)
      return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength }
    }, href!)
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' })
    expect(pdf.bytes).toBeGreaterThan(10_000)
    copyFileSync(await screenshot(list.page, 'reports-1920x1080.png'), join(REPO, 'docs', 'reports.png'))
    expect(list.errors).toEqual([])
  } finally {
    await list.close()
  }
})
