// What the wall end-to-end tests ask of a wall page: that every zone has its
// data, what the freshness indicator says, that nothing is cut off or scrolls.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { appAccess } from '../support/app-access.ts'
import { REPO, type AppProcess } from '../support/app-process.ts'
import { openPage, type WallPage } from '../support/browser.ts'

export const ARTIFACTS = join(REPO, 'tests', 'artifacts')

/**
 * Opens the wall as a display paired with `layout` shows it (the query, e.g.
 * `lang=en`, is kept); `deviceId` is the display's id for the admin routes.
 */
export async function openWall(
  browser: Browser,
  app: AppProcess,
  opts: { layout?: string; query?: string; viewport: { width: number; height: number } },
): Promise<WallPage & { deviceId: string }> {
  const layout = opts.layout ?? 'default'
  const display = await appAccess(app).pairedDisplay({ layout })
  const query = new URLSearchParams(opts.query ?? '')
  query.set('layout', layout)
  const wall = await openPage(browser, `${app.url}/wall?${query.toString()}`, opts.viewport, [display.cookie])
  return { ...wall, deviceId: display.deviceId }
}

export type FreshnessState = 'live' | 'delayed' | 'disconnected' | 'connecting'

/** Waits until every panel of every zone reports its data (data-ready) and returns the zone ids. */
export async function waitForFilledWall(page: Page, timeout = 60_000): Promise<string[]> {
  await page.waitForFunction(
    () => {
      const zones = [...document.querySelectorAll('[data-zone]')]
      return zones.length > 0 && zones.every((z) => {
        const panels = [...z.querySelectorAll('[data-panel]')]
        return panels.length > 0 && panels.every((p) => p.getAttribute('data-ready') === 'true')
      })
    },
    undefined,
    { timeout, polling: 250 },
  )
  return page.$$eval('[data-zone]', (zones) => zones.map((z) => z.getAttribute('data-zone') ?? ''))
}

export async function waitForFreshness(page: Page, state: FreshnessState, timeout: number): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('.wall')?.getAttribute('data-freshness') === s, state, { timeout, polling: 100 })
}

export interface FitReport {
  scrollable: boolean
  canvas: { left: number; top: number; right: number; bottom: number }
  viewport: { width: number; height: number }
  /** Zones whose content overflows their box (something cut off). */
  overflowing: string[]
}

export async function fitReport(page: Page): Promise<FitReport> {
  return page.evaluate(() => {
    const root = document.documentElement
    const canvas = document.querySelector('.wall-canvas')!.getBoundingClientRect()
    const overflowing = [...document.querySelectorAll<HTMLElement>('[data-zone]')]
      .filter((z) => z.scrollHeight > z.clientHeight + 1 || z.scrollWidth > z.clientWidth + 1)
      .map((z) => z.dataset.zone ?? '')
    return {
      scrollable: root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight,
      canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      overflowing,
    }
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, name)
  await page.screenshot({ path })
  return path
}

/** The number a KPI tile shows, read from its text ("41,295" → 41295). */
export async function tileNumber(page: Page, kpi: string): Promise<number> {
  const text = await page.locator(`[data-testid="kpi-value-${kpi}"]`).first().innerText()
  return Number(text.replace(/[^\d.]/g, ''))
}
