// The dashboard's pages in a real browser against the real server: the router
// sends each address to its page (the people's pages behind sign-in), and the
// wall's live machinery (socket, kiosk cursor, render timings) runs only while
// the wall is on screen: leaving it closes its connection for good, coming
// back opens a new one.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { appAccess } from '../support/app-access.ts'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { waitForFilledWall, waitForFreshness } from './wall-page.ts'

const slow = { timeout: 150_000 }

let app: AppProcess
let browser: Browser
let scraper: Promise<string> | undefined

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** A client-side navigation, as a link inside the app would make it (no page load). */
async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, path)
}

/** The sockets connected to the server now, as /metrics counts them. */
async function socketsConnected(): Promise<number> {
  scraper ??= appAccess(app).token(['metrics:read'])
  const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${await scraper}`, connection: 'close' } })
  const gauge = /^cc_socket_clients (\d+)$/m.exec(await response.text())
  return Number(gauge?.[1])
}

describe('each address has its page', () => {
  test('/ is the home of a person signed in, listing the pages their role opens', slow, async () => {
    const officer = await appAccess(app).person('officer')
    const home = await openPage(browser, `${app.url}/?lang=en`, { width: 1280, height: 720 }, [officer.cookie])
    try {
      await home.page.getByTestId('home').waitFor({ state: 'visible', timeout: 10_000 })
      const pages = await home.page.$$eval('[data-page]', (links) => links.map((l) => l.getAttribute('data-page')))
      expect(pages).toEqual(['/wall', '/reports', '/desk'])
      await expect(home.page.evaluate(() => document.documentElement.lang)).resolves.toBe('en-US')
      expect(home.errors).toEqual([])
    } finally {
      await home.close()
    }
  })

  test('/lead is the shift lead’s page for a lead, in the language of the address', slow, async () => {
    const lead = await appAccess(app).person('lead')
    const page = await openPage(browser, `${app.url}/lead?lang=en`, { width: 1280, height: 720 }, [lead.cookie])
    try {
      const main = page.page.locator('main[data-view="lead"]')
      await main.waitFor({ state: 'visible', timeout: 10_000 })
      await expect(main.locator('h1').innerText()).resolves.toBe('Shift lead')
      expect(page.errors).toEqual([])
    } finally {
      await page.close()
    }
  })

  test('a person page without a session sends the visitor to sign in first', slow, async () => {
    const page = await openPage(browser, `${app.url}/desk`, { width: 1280, height: 720 })
    try {
      await page.page.waitForURL(`${app.url}/login?next=%2Fdesk`, { timeout: 10_000 })
      await page.page.locator('input[name="username"]').waitFor({ state: 'visible', timeout: 10_000 })
    } finally {
      await page.close()
    }
  })

  test('an address the dashboard does not know says so', slow, async () => {
    const viewer = await appAccess(app).person('viewer')
    const page = await openPage(browser, `${app.url}/desk/nothing-here`, { width: 1280, height: 720 }, [viewer.cookie])
    try {
      const main = page.page.locator('main[data-view="not-found"]')
      await main.waitFor({ state: 'visible', timeout: 10_000 })
      await expect(main.innerText()).resolves.toContain('页面不存在')
      await expect(main.innerText()).resolves.toContain('/desk/nothing-here')
      expect(page.errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})

test('leaving the wall closes its connection and stops its machinery; coming back starts them again', slow, async () => {
  const officer = await appAccess(app).person('officer')
  const wall = await openPage(browser, `${app.url}/wall`, { width: 1280, height: 720 }, [officer.cookie])
  const page = wall.page
  try {
    await waitForFilledWall(page)
    await waitForFreshness(page, 'live', 60_000)
    await expect.poll(() => socketsConnected(), { timeout: 10_000, interval: 250 }).toBe(1)
    await expect(page.evaluate(() => 'samples' in ((window as unknown as { __wallRender?: object }).__wallRender ?? {}))).resolves.toBe(true)
    // The kiosk cursor hides after 3 s without movement.
    await page.waitForFunction(() => document.documentElement.classList.contains('cursor-idle'), undefined, { timeout: 10_000 })

    // Home has no live connection of its own (the desk has one), so the count shows the wall's is gone.
    await navigate(page, '/')
    await page.getByTestId('home').waitFor({ state: 'visible', timeout: 10_000 })
    await expect.poll(() => socketsConnected(), { timeout: 10_000, interval: 250 }).toBe(0)
    await expect(page.evaluate(() => (window as unknown as { __wallRender?: object }).__wallRender)).resolves.toBeUndefined()
    await expect(page.evaluate(() => document.documentElement.classList.contains('cursor-idle'))).resolves.toBe(false)
    // Closed for good: the socket's own reconnection does not bring it back.
    await page.waitForTimeout(4_000)
    await expect(socketsConnected()).resolves.toBe(0)

    await navigate(page, '/wall')
    await waitForFilledWall(page)
    await waitForFreshness(page, 'live', 60_000)
    await expect.poll(() => socketsConnected(), { timeout: 10_000, interval: 250 }).toBe(1)
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})
