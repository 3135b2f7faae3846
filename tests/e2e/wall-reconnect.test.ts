// A wall runs unattended: when the server goes away it must say so within
// seconds, and when the server is back it must be live again by itself, with
// no one reloading the page: paired once, its display session outlives the
// server process (it is in the store, not in memory).
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser } from '../support/browser.ts'
import { openWall, screenshot, waitForFilledWall, waitForFreshness } from './wall-page.ts'

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

test('stopping the server shows "disconnected" within 5 s; restarting it brings the wall back to live', { timeout: 240_000 }, async () => {
  const wall = await openWall(browser, app, { viewport: { width: 1920, height: 1080 } })
  try {
    await waitForFilledWall(wall.page)
    await waitForFreshness(wall.page, 'live', 60_000)
    await wall.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))

    const stopped = app.stop()
    await waitForFreshness(wall.page, 'disconnected', 5_000)
    await expect(wall.page.getByTestId('screen-alarm').first().innerText()).resolves.toContain('连接中断')
    await screenshot(wall.page, 'wall-disconnected.png')
    await stopped

    await app.start()
    await waitForFreshness(wall.page, 'live', 60_000)
    await waitForFilledWall(wall.page)
    // The same page: it recovered on its own, it was not reloaded.
    await expect(wall.page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(1)
    await expect(wall.page.getByTestId('screen-alarm').count()).resolves.toBe(0)
    // Errors the browser logs for the refused connections while the server was down are expected; nothing else is.
    expect(wall.errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection|Failed to load resource/.test(e))).toEqual([])
  } finally {
    await wall.close()
  }
})
