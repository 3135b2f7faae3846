// The dashboard's pages in a real browser against the real server: the router
// sends each address to its page, and the wall's live machinery (socket,
// heartbeat, kiosk cursor, render timings) runs only while the wall is on
// screen: leaving it closes its connection for good, coming back opens a new one.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage } from '../support/browser.ts'
import { waitForFilledWall, waitForFreshness } from './wall-page.ts'

const slow = { timeout: 150_000 }

let app: AppProcess
let browser: Browser

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

async function displayConnected(id: string): Promise<boolean | undefined> {
  const response = await fetch(`${app.url}/api/v1/displays`, { headers: { connection: 'close' } })
  const list = (await response.json()) as { displays: Array<{ display_id: string; connected: boolean }> }
  return list.displays.find((d) => d.display_id === id)?.connected
}

describe('each address has its page', () => {
  test('/ opens the wall, keeping the query', slow, async () => {
    const wall = await openPage(browser, `${app.url}/?lang=en`, { width: 1280, height: 720 })
    try {
      await waitForFilledWall(wall.page)
      expect(new URL(wall.page.url()).pathname).toBe('/wall')
      expect(new URL(wall.page.url()).search).toBe('?lang=en')
      await expect(wall.page.title()).resolves.toBe('Command center wall')
      await expect(wall.page.evaluate(() => document.documentElement.lang)).resolves.toBe('en-US')
      expect(wall.errors).toEqual([])
    } finally {
      await wall.close()
    }
  })

  for (const [view, heading] of [
    ['desk', '值班员工作台'],
    ['lead', '值班长预警收件箱'],
  ] as const) {
    test(`/${view} is its placeholder, linking to the wall with the same query`, slow, async () => {
      const page = await openPage(browser, `${app.url}/${view}?token=abc`, { width: 1280, height: 720 })
      try {
        const main = page.page.locator(`main[data-view="${view}"]`)
        await main.waitFor({ state: 'visible', timeout: 10_000 })
        await expect(main.locator('h1').innerText()).resolves.toBe(heading)
        await expect(page.page.title()).resolves.toBe(heading)
        await expect(main.locator('a').getAttribute('href')).resolves.toBe('/wall?token=abc')
        expect(page.errors).toEqual([])
      } finally {
        await page.close()
      }
    })
  }

  test('an address the dashboard does not know says so', slow, async () => {
    const page = await openPage(browser, `${app.url}/desk/nothing-here`, { width: 1280, height: 720 })
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
  const wall = await openPage(browser, `${app.url}/wall`, { width: 1280, height: 720 })
  const page = wall.page
  try {
    await waitForFilledWall(page)
    await waitForFreshness(page, 'live', 60_000)
    const id = (await page.evaluate(() => window.localStorage.getItem('wall-display-id')))!
    await expect.poll(() => displayConnected(id), { timeout: 10_000, interval: 250 }).toBe(true)
    await expect(page.evaluate(() => 'samples' in ((window as unknown as { __wallRender?: object }).__wallRender ?? {}))).resolves.toBe(true)
    // The kiosk cursor hides after 3 s without movement.
    await page.waitForFunction(() => document.documentElement.classList.contains('cursor-idle'), undefined, { timeout: 10_000 })

    await navigate(page, '/desk')
    await page.locator('main[data-view="desk"]').waitFor({ state: 'visible', timeout: 10_000 })
    await expect.poll(() => displayConnected(id), { timeout: 10_000, interval: 250 }).toBe(false)
    await expect(page.evaluate(() => (window as unknown as { __wallRender?: object }).__wallRender)).resolves.toBeUndefined()
    await expect(page.evaluate(() => document.documentElement.classList.contains('cursor-idle'))).resolves.toBe(false)
    // Closed for good: the socket's own reconnection does not bring it back.
    await page.waitForTimeout(4_000)
    await expect(displayConnected(id)).resolves.toBe(false)

    await navigate(page, '/wall')
    await waitForFilledWall(page)
    await waitForFreshness(page, 'live', 60_000)
    await expect.poll(() => displayConnected(id), { timeout: 10_000, interval: 250 }).toBe(true)
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})
