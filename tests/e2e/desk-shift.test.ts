// The desk's shift card and operations log in a real browser against a real
// server (the default roster, the server's clock at 10:30 yesterday: the day
// shift on duty): a lead sees the shift with its figures beside the day's,
// opens the handover dialog (the draft of the night shift, the nearest
// boundary), hands over with notes; the log shows that entry live and takes
// an entry typed on the desk, found again by a Chinese word; another lead
// confirms on their own desk. Photographed for the docs.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { appAccess } from '../support/app-access.ts'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { screenshot } from './wall-page.ts'

let browser: Browser
let app: AppProcess

beforeAll(async () => {
  browser = await launchBrowser()
  app = await startApp({ env: { SIMULATOR: 'off' } })
}, 180_000)
afterAll(async () => {
  await app?.stop()
  await browser?.close()
})

describe('the shift and the log on the desk', () => {
  test('a lead hands over from the desk, the log shows it live, another lead confirms', { timeout: 240_000 }, async () => {
    const access = appAccess(app)
    const [lead, incoming] = [await access.person('lead'), await access.person('lead')]
    const desk = await openPage(browser, `${app.url}/desk`, { width: 1920, height: 1080 }, [lead.cookie])
    const page = desk.page
    try {
      await page.locator('main[data-view="desk"]').waitFor({ state: 'visible', timeout: 20_000 })
      await page.locator('.side__tab[data-tab="shift"]').click()
      await expect(page.getByTestId('shift-name').textContent({ timeout: 20_000 })).resolves.toContain('白班')
      await page.getByTestId('shift-figures').locator('tr[data-kpi="calls_offered"]').waitFor({ state: 'visible' })
      await page.getByText('尚无交接班记录').waitFor({ state: 'visible' })

      await page.locator('.shift__hand-over').click()
      const dialog = page.getByTestId('handover-dialog')
      await dialog.getByTestId('handover-summary').waitFor({ state: 'visible', timeout: 20_000 })
      await expect(dialog.locator('h3').textContent()).resolves.toContain('夜班')
      await dialog.locator('textarea[name="notes"]').fill('夜间 D05 跳闸已复电，请关注回访')
      await screenshot(page, 'desk-handover-dialog.png')
      await dialog.locator('button[data-action="hand-over"]').click()
      await dialog.waitFor({ state: 'detached', timeout: 10_000 })
      const last = page.getByTestId('last-handover')
      await last.waitFor({ state: 'visible', timeout: 10_000 })
      await expect(last.getAttribute('data-confirmed')).resolves.toBe('no')
      await expect(last.textContent()).resolves.toContain('夜间 D05 跳闸已复电')

      await page.locator('.side__tab[data-tab="log"]').click()
      await page.locator('[data-testid="log-panel"] [data-kind="handover.handed_over"]').waitFor({ state: 'visible', timeout: 10_000 })
      await page.locator('input[name="log-text"]').fill('110千伏城东变电站跳闸，已通知抢修')
      await page.locator('input[name="log-text"]').press('Enter')
      await page.locator('.oplog__entry', { hasText: '城东变电站跳闸' }).waitFor({ state: 'visible', timeout: 10_000 })
      await page.locator('input[name="log-search"]').fill('城东')
      await page.locator('input[name="log-search"]').press('Enter')
      await page.waitForFunction(() => document.querySelectorAll('.oplog__entry').length === 1, null, { timeout: 10_000 })
      await page.mouse.move(5, 5)
      copyFileSync(await screenshot(page, 'desk-log.png'), join(REPO, 'docs', 'desk-log.png'))
      expect(desk.errors).toEqual([])
    } finally {
      await desk.close()
    }

    const other = await openPage(browser, `${app.url}/desk`, { width: 1920, height: 1080 }, [incoming.cookie])
    try {
      await other.page.locator('.side__tab[data-tab="shift"]').click()
      await other.page.locator('.shift__confirm').click({ timeout: 20_000 })
      await other.page.waitForFunction(() => document.querySelector('[data-testid="last-handover"]')?.getAttribute('data-confirmed') === 'yes', null, { timeout: 10_000 })
      await other.page.getByTestId('shift-figures').waitFor({ state: 'visible', timeout: 30_000 })
      await other.page.mouse.move(5, 5)
      copyFileSync(await screenshot(other.page, 'desk-shift.png'), join(REPO, 'docs', 'desk-shift.png'))
      expect(other.errors).toEqual([])
    } finally {
      await other.close()
    }
  })
})
