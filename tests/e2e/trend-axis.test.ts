// The trend chart's time axis in a real browser: at every size the wall runs
// at (one 1920×1080 screen, 3840×2160, the stitched 3×2 hall wall) and in
// wide and narrow panels, no two x-axis labels overlap, as measured on the
// SVG <text> nodes ECharts draws. And a comparison with no data is named as
// such in the legend.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser } from '../support/browser.ts'
import { openWall, screenshot, waitForFilledWall } from './wall-page.ts'

const slow = { timeout: 150_000 }

/**
 * One screen of trend panels of every shape: the default layout's analysis
 * zone (x 14, 10 × 7 cells), a narrow one (5 cells, 384 px), and two short
 * ones over the rolling hour and quarter hour.
 */
const TREND_SIZES = {
  grid: { cols: 1, rows: 1, cells_x: 24, cells_y: 12 },
  zones: [
    { id: 'header', kind: 'showcase', show_header: false, rect: { x: 0, y: 0, w: 24, h: 1 }, panels: [{ type: 'clock' }] },
    { id: 'narrow', kind: 'analysis', rect: { x: 0, y: 1, w: 5, h: 7 }, panels: [{ type: 'trends', options: { kpi: 'service_level', window: 'today' } }] },
    { id: 'hour', kind: 'analysis', rect: { x: 5, y: 1, w: 9, h: 4 }, panels: [{ type: 'trends', options: { kpi: 'calls_offered', window: '60m' } }] },
    { id: 'quarter', kind: 'analysis', rect: { x: 5, y: 5, w: 9, h: 3 }, panels: [{ type: 'trends', options: { kpi: 'calls_offered', window: '15m' } }] },
    { id: 'day', kind: 'analysis', rect: { x: 14, y: 4, w: 10, h: 7 }, panels: [{ type: 'trends', options: { kpi: 'calls_offered', window: 'today' } }] },
  ],
}

let app: AppProcess
let browser: Browser

beforeAll(async () => {
  const layoutsDir = mkdtempSync(join(tmpdir(), 'cc-layouts-'))
  for (const file of readdirSync(join(REPO, 'dashboard', 'layouts'))) copyFileSync(join(REPO, 'dashboard', 'layouts', file), join(layoutsDir, file))
  writeFileSync(join(layoutsDir, 'trend-sizes.json'), JSON.stringify(TREND_SIZES))
  app = await startApp({ env: { LAYOUTS_DIR: layoutsDir } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

interface Box {
  text: string
  left: number
  right: number
  top: number
  bottom: number
}

interface TrendAxis {
  zone: string
  labels: Box[]
  chart: Box
}

/** The x-axis labels ("HH:MM") of every trend chart on screen, as the browser lays them out. */
function trendAxes(page: Page): Promise<TrendAxis[]> {
  return page.evaluate(() => {
    const box = (el: Element, text = '') => {
      const r = el.getBoundingClientRect()
      return { text, left: r.left, right: r.right, top: r.top, bottom: r.bottom }
    }
    return [...document.querySelectorAll('.panel-slot:not(.panel-slot--hidden) [data-panel="trends"]')].map((panel) => ({
      zone: panel.closest('[data-zone]')?.getAttribute('data-zone') ?? '',
      chart: box(panel.querySelector('.chart-box__chart')!),
      labels: [...panel.querySelectorAll('svg text')]
        .filter((el) => /^\d\d:\d\d$/.test(el.textContent ?? ''))
        .map((el) => box(el, el.textContent ?? '')),
    }))
  })
}

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** Waits for every visible trend chart to have drawn its axis, then checks no two labels overlap and none is cut off. */
async function expectReadableAxes(page: Page, zones: number): Promise<TrendAxis[]> {
  await page.waitForFunction(
    (n) => {
      const panels = [...document.querySelectorAll('.panel-slot:not(.panel-slot--hidden) [data-panel="trends"]')]
      return panels.length >= n && panels.every((p) => [...p.querySelectorAll('svg text')].some((el) => /^\d\d:\d\d$/.test(el.textContent ?? '')))
    },
    zones,
    { timeout: 90_000, polling: 250 },
  )
  // The first draw animates; measure where the labels come to rest.
  await page.waitForTimeout(1_500)
  const axes = await trendAxes(page)
  expect(axes.length).toBe(zones)
  for (const axis of axes) {
    for (let i = 0; i < axis.labels.length; i++) {
      for (let j = i + 1; j < axis.labels.length; j++) {
        expect(overlap(axis.labels[i], axis.labels[j]), `${axis.zone}: "${axis.labels[i].text}" and "${axis.labels[j].text}" overlap`).toBe(false)
      }
      const label = axis.labels[i]
      expect(label.left >= axis.chart.left - 0.5 && label.right <= axis.chart.right + 0.5, `${axis.zone}: "${label.text}" is cut off`).toBe(true)
    }
  }
  return axes
}

describe('trend x-axis labels never overlap', () => {
  for (const { width, height } of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    test(`panels of every shape at ${width}×${height}`, slow, async () => {
      const wall = await openWall(browser, app, { layout: 'trend-sizes', viewport: { width, height } })
      try {
        await waitForFilledWall(wall.page)
        const axes = await expectReadableAxes(wall.page, 4)
        const count = Object.fromEntries(axes.map((a) => [a.zone, a.labels.length]))
        // Spaced, not emptied: the wide charts keep several labels, the narrow one at least its ends.
        expect(count.day).toBeGreaterThanOrEqual(4)
        expect(count.hour).toBeGreaterThanOrEqual(3)
        expect(count.narrow).toBeGreaterThanOrEqual(2)
        await screenshot(wall.page, `trend-sizes-${width}x${height}.png`)
        expect(wall.errors).toEqual([])
      } finally {
        await wall.close()
      }
    })
  }

  test('the default layout at 1920×1080, once its analysis zone turns to a trend', slow, async () => {
    const wall = await openWall(browser, app, { viewport: { width: 1920, height: 1080 } })
    try {
      await waitForFilledWall(wall.page)
      const [axis] = await expectReadableAxes(wall.page, 1)
      expect(axis.labels.length).toBeGreaterThanOrEqual(4)
      await screenshot(wall.page, 'trend-default-1920x1080.png')
      expect(wall.errors).toEqual([])
    } finally {
      await wall.close()
    }
  })

  test('the hall wall (3×2) at 5760×2160', slow, async () => {
    const wall = await openWall(browser, app, { layout: 'hall-3x2', viewport: { width: 5760, height: 2160 } })
    try {
      await waitForFilledWall(wall.page)
      // The showcase's trend and whichever trend the analysis zone is showing.
      await expectReadableAxes(wall.page, 2)
      expect(wall.errors).toEqual([])
    } finally {
      await wall.close()
    }
  })
})

test('a comparison without data is named so in the legend', slow, async () => {
  // A fresh server has no history: the service level of last week has no call to count (null, not 0 %).
  const wall = await openWall(browser, app, { layout: 'trend-sizes', viewport: { width: 1920, height: 1080 } })
  try {
    await waitForFilledWall(wall.page)
    const legend = wall.page.locator('[data-zone="narrow"] svg text', { hasText: '上周同日（无数据）' })
    await legend.first().waitFor({ state: 'attached', timeout: 30_000 })
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})
