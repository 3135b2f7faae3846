// Pairing a wall in a real browser against the real server, the way a new
// center does it: the console's setup link makes the first administrator,
// the wall's screen shows a code and a QR code, the administrator enters the
// code at /admin/displays, and the wall goes live by itself. Revoking it
// sends it back to a pairing code within 5 s, by itself; a server restart
// does not (a paired wall only waits for the server to come back).
// The tests run in order and share the administrator the first one makes.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage, type WallPage } from '../support/browser.ts'
import { ADMIN, pairingCodeOf, setupLinkOf, withoutAccessRefusals } from './access.ts'
import { waitForFilledWall, waitForFreshness } from './wall-page.ts'

const slow = { timeout: 180_000 }
const SCREEN = { width: 1280, height: 720 }
const CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{8}$/

let app: AppProcess
let browser: Browser
let admin: WallPage
const walls: WallPage[] = []

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const wall of walls) await wall.close()
  await admin?.close()
  await browser?.close()
  await app?.stop()
})

async function openWall(): Promise<WallPage> {
  const wall = await openPage(browser, `${app.url}/wall`, SCREEN)
  walls.push(wall)
  return wall
}

/** The admin page's row of a display, once the list shows it. */
const displayRow = (page: Page, name: string) => page.locator(`tr[data-display="${name}"]`)

async function approve(page: Page, name: string): Promise<void> {
  const form = page.locator('[data-testid="pair-form"]')
  await form.locator('input[name="name"]').fill(name)
  await expect.poll(() => form.locator('select[name="layout"]').inputValue(), { timeout: 10_000 }).toBe('default')
  await form.locator('button[type="submit"]').click()
  await form.locator('[data-testid="paired"]').waitFor({ timeout: 10_000 })
}

test("the newcomer's path: setup link, first administrator, a wall's code entered at /admin/displays, the wall live", slow, async () => {
  admin = await openPage(browser, `${app.url}${setupLinkOf(app)}`, { width: 1280, height: 900 })
  const page = admin.page
  await page.locator('input[name="username"]').fill(ADMIN.username)
  await page.locator('input[name="display_name"]').fill(ADMIN.display_name)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.locator('input[name="password_again"]').fill(ADMIN.password)
  // The token left the address bar as soon as the page read it.
  expect(page.url()).not.toContain('token')
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(`${app.url}/admin/displays`, { timeout: 15_000 })
  await expect(page.locator('[data-testid="signed-in-as"]').innerText()).resolves.toContain(ADMIN.display_name)
  await page.locator('[data-testid="displays-empty"]').waitFor({ timeout: 10_000 })

  const wall = await openWall()
  const code = await pairingCodeOf(wall.page)
  expect(code).toMatch(CODE)
  const qr = wall.page.locator('[data-testid="pairing-qr"]')
  await qr.waitFor({ timeout: 10_000 })
  await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/)
  const screen = await wall.page.locator('[data-testid="pairing-screen"]').innerText()
  expect(screen).toContain(`${app.url}/admin/displays`)
  // Two groups of four, read and typed in two breaths.
  await expect(wall.page.locator('[data-testid="pairing-code"] span').allInnerTexts()).resolves.toEqual([code.slice(0, 4), code.slice(4)])
  await expect(wall.page.locator('[data-testid="pairing-expiry"]').innerText()).resolves.toMatch(/\b(10:00|9:[0-5]\d)\b/)

  // Typed as a person would: lower case, with a space between the groups.
  await page.locator('input[name="user_code"]').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`)
  await approve(page, 'Hall left')

  // No reload: the wall's next poll brings its session and its layout.
  await waitForFilledWall(wall.page, 90_000)
  await waitForFreshness(wall.page, 'live', 60_000)
  await expect(wall.page.locator('[data-testid^="kpi-value-"]').count()).resolves.toBeGreaterThan(0)
  // Its heartbeat reaches the list: connected and live.
  await expect.poll(() => displayRow(page, 'Hall left').getAttribute('data-state'), { timeout: 20_000, interval: 500 }).toBe('live')
  expect(withoutAccessRefusals(wall.errors)).toEqual([])
  expect(admin.errors).toEqual([])
})

test('revoking a display at /admin/displays sends its wall back to a pairing code within 5 s, by itself', slow, async () => {
  const wall = await openWall()
  const code = await pairingCodeOf(wall.page)
  // As if the QR code was scanned: the page opens with the code filled in.
  const page = admin.page
  await page.goto(`${app.url}/admin/displays?code=${code}`)
  await expect(page.locator('input[name="user_code"]').inputValue()).resolves.toBe(code)
  await approve(page, 'Hall right')
  await waitForFreshness(wall.page, 'live', 90_000)

  const row = displayRow(page, 'Hall right')
  await row.waitFor({ timeout: 10_000 })
  await row.getByRole('button', { name: '吊销' }).click()
  const revokedAt = Date.now()
  await row.locator('[data-testid="confirm"]').click()
  const again = await pairingCodeOf(wall.page, 5_000)
  expect(Date.now() - revokedAt).toBeLessThan(5_000)
  expect(again).toMatch(CODE)
  expect(again).not.toBe(code)
  await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('revoked')
  expect(withoutAccessRefusals(wall.errors)).toEqual([])
})

test('a paired wall rides out a server restart: no pairing code while the server is away, live again after', slow, async () => {
  const wall = walls[0]
  await waitForFreshness(wall.page, 'live', 30_000)
  // Anything that ever put the pairing screen up, however briefly, is noticed.
  await wall.page.evaluate(() => {
    const seen = window as unknown as { sawPairing: boolean }
    seen.sawPairing = false
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="pairing-screen"]')) seen.sawPairing = true
    }).observe(document.body, { childList: true, subtree: true })
  })
  await app.stop()
  await waitForFreshness(wall.page, 'disconnected', 30_000)
  await app.start()
  await waitForFreshness(wall.page, 'live', 90_000)
  await expect(wall.page.evaluate(() => (window as unknown as { sawPairing: boolean }).sawPairing)).resolves.toBe(false)
})
