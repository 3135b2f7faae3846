// A quiet night: no calls waiting, no outage, no open order, no alarm. Every
// panel of the wall says so in words, in both languages, rather than showing
// an empty box that could as well be a broken one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser } from '../support/browser.ts'
import { agentOffline, postEvents } from './events.ts'
import { openWall, screenshot, waitForFilledWall, waitForFreshness } from './wall-page.ts'

let app: AppProcess
let browser: Browser

beforeAll(async () => {
  // The default layout, its breakdown turned to a rate: with no call, no
  // district has a rate at all (a count breakdown would show its zeros).
  const layoutsDir = mkdtempSync(join(tmpdir(), 'cc-layouts-'))
  const layout = JSON.parse(readFileSync(join(REPO, 'dashboard', 'layouts', 'default.json'), 'utf8')) as {
    zones: Array<{ panels: Array<{ type: string; options?: Record<string, string> }> }>
  }
  for (const panel of layout.zones.flatMap((z) => z.panels)) if (panel.type === 'breakdown') panel.options!.kpi = 'service_level'
  writeFileSync(join(layoutsDir, 'quiet.json'), JSON.stringify(layout))
  // No simulator: nothing happens unless a test posts it.
  app = await startApp({ env: { SIMULATOR: 'off', LAYOUTS_DIR: layoutsDir } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const WORDS = {
  zh: {
    map: '当前无停电',
    ticker: '运行正常 · 暂无告警',
    queue: '当前无排队',
    backlog: '当前无在途工单',
    orders: '无超时或即将超时工单',
    breakdown: '暂无分项数据',
    trend: '尚无数据',
  },
  en: {
    map: 'No active outages',
    ticker: 'All clear · no alarms',
    queue: 'No one waiting',
    backlog: 'No open work orders',
    orders: 'No overdue or at-risk orders',
    breakdown: 'No breakdown yet',
    trend: 'No data yet',
  },
}

for (const lang of ['zh', 'en'] as const) {
  test(`every panel says it has nothing to show (${lang})`, { timeout: 150_000 }, async () => {
    // One event a second ago keeps the data fresh (live) without making anything happen.
    expect(await postEvents(app, [agentOffline(`e2e-agent-${lang}`, app.now())])).toMatchObject({ accepted: 1, rejected: 0 })
    const wall = await openWall(browser, app, { layout: 'quiet', query: `lang=${lang}`, viewport: { width: 1920, height: 1080 } })
    try {
      await waitForFilledWall(wall.page)
      await waitForFreshness(wall.page, 'live', 30_000)
      // The analysis zone rotates: its hidden panels are drawn all the same, so their text is read from the DOM.
      const text = (panel: string) =>
        wall.page.$$eval(`[data-panel="${panel}"]`, (els) => els.map((el) => (el as HTMLElement).textContent ?? '').join('\n'))
      const words = WORDS[lang]
      await expect(text('region_map')).resolves.toContain(words.map)
      await expect(text('alarm_ticker')).resolves.toContain(words.ticker)
      await expect(text('call_center')).resolves.toContain(words.queue)
      await expect(text('workorders')).resolves.toContain(words.backlog)
      await expect(text('workorders')).resolves.toContain(words.orders)
      await expect(text('breakdown')).resolves.toContain(words.breakdown)
      // The service level has no call to judge, and says so (the offered-calls trend draws its zeros).
      await expect(text('trends')).resolves.toContain(words.trend)
      await screenshot(wall.page, `wall-quiet-night-${lang}.png`)
      expect(wall.errors).toEqual([])
    } finally {
      await wall.close()
    }
  })
}
