// Headless Chromium for the end-to-end tests and the wall benchmark: Debian's
// own chromium (CI installs it with fonts-noto-cjk), driven by playwright-core.
// A browser is never downloaded.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core'
import type { BrowserCookie } from './app-access.ts'
import { realClockEnv } from './real-clock.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** `extraArgs` are added to the fixed flags (the wall benchmark uses them to lift the 60 Hz frame clock). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (and fonts-noto-cjk), or set CHROMIUM_PATH`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    env: realClockEnv() as Record<string, string>,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // performance.memory reports exact heap figures instead of bucketed ones.
      '--enable-precise-memory-info',
      ...extraArgs,
    ],
  })
}

export interface WallPage {
  page: Page
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[]
  close(): Promise<void>
}

/**
 * Opens a page at the given viewport, in a browser context holding `cookies`
 * (a person's or a paired display's session, tests/support/app-access.ts),
 * and records every console error and page error. `phone` makes it a touch
 * screen with a mobile browser's viewport handling (the lead's page).
 */
export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }, cookies: BrowserCookie[] = [], phone = false): Promise<WallPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...(phone ? { hasTouch: true, isMobile: true } : {}) })
  if (cookies.length > 0) await context.addCookies(cookies)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`))
  await page.goto(url, { waitUntil: 'load' })
  return { page, errors, close: () => context.close() }
}
