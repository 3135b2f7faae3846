// The wall end to end: the real all-in-one server (embedded ClickHouse,
// simulator on) and headless Chromium. A person opening /wall must see every
// zone filled, fitted to the screen with nothing cut off, live figures that
// follow the events, and a wall that survives a broken layout file.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, startApp, type AppProcess } from '../support/app-process.ts'
import { appAccess } from '../support/app-access.ts'
import { launchBrowser } from '../support/browser.ts'
import { closedOrder, offeredCalls, overdueOrders, postEvents } from './events.ts'
import { fitReport, openWall, screenshot, tileNumber, waitForFilledWall, waitForFreshness } from './wall-page.ts'

// Each test waits for a real server and a real browser; a minute is not always enough on a 2-core CI machine.
const slow = { timeout: 150_000 }

let app: AppProcess
let browser: Browser
let layoutsDir: string

beforeAll(async () => {
  // The layouts are copies, so a test can break one without touching the
  // repository (the server serves its own copy of the build as well).
  layoutsDir = mkdtempSync(join(tmpdir(), 'cc-layouts-'))
  for (const file of readdirSync(join(REPO, 'dashboard', 'layouts'))) copyFileSync(join(REPO, 'dashboard', 'layouts', file), join(layoutsDir, file))
  // A day of history, so every panel (trends, sparklines, change against yesterday) has something to show.
  app = await startApp({ env: { LAYOUTS_DIR: layoutsDir, BACKFILL_DAYS: '1' } })
  browser = await launchBrowser()
  // Ready means the history is loaded; the simulator may still be catching
  // up with the clock (the snapshot says "behind"). The tests start live.
  const token = await appAccess(app).token(['read'])
  const deadline = Date.now() + 180_000
  for (;;) {
    const snapshot = (await (await fetch(`${app.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } })).json()) as { stale: unknown }
    if (snapshot.stale === null) break
    if (Date.now() > deadline) throw new Error(`the snapshot was still stale after 180 s: ${JSON.stringify(snapshot.stale)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('the wall on one screen and on a stitched wall', () => {
  const sizes = [
    { layout: 'default', width: 1920, height: 1080 },
    { layout: 'default', width: 3840, height: 2160 },
    { layout: 'hall-3x2', width: 5760, height: 2160 },
  ]
  for (const { layout, width, height } of sizes) {
    test(`${layout} at ${width}×${height}: every zone filled, live, fitted, no console errors`, slow, async () => {
      const wall = await openWall(browser, app, { layout, viewport: { width, height } })
      try {
        const zones = await waitForFilledWall(wall.page)
        const expected = JSON.parse(readFileSync(join(layoutsDir, `${layout}.json`), 'utf8')) as { zones: Array<{ id: string }> }
        expect(zones.sort()).toEqual(expected.zones.map((z) => z.id).sort())
        await waitForFreshness(wall.page, 'live', 60_000)
        // Let the charts finish their first animation before the picture is taken.
        await wall.page.waitForTimeout(1500)
        await screenshot(wall.page, `wall-${layout}-${width}x${height}.png`)

        const fit = await fitReport(wall.page)
        expect(fit.scrollable).toBe(false)
        expect(fit.overflowing).toEqual([])
        // The canvas lies inside the viewport, touching two opposite edges (letterboxed on the other two).
        expect(fit.canvas.left).toBeGreaterThanOrEqual(-0.5)
        expect(fit.canvas.top).toBeGreaterThanOrEqual(-0.5)
        expect(fit.canvas.right).toBeLessThanOrEqual(fit.viewport.width + 0.5)
        expect(fit.canvas.bottom).toBeLessThanOrEqual(fit.viewport.height + 0.5)
        expect(Math.min(fit.canvas.left, fit.canvas.top)).toBeLessThanOrEqual(0.5)

        // The Chinese labels are there (zh-CN by default).
        await expect(wall.page.locator('.wall').innerText()).resolves.toContain('实时')
        expect(wall.errors).toEqual([])
      } finally {
        await wall.close()
      }
    })
  }

  test('letterboxed when the screen is wider than the layout', slow, async () => {
    const wall = await openWall(browser, app, { viewport: { width: 2560, height: 1080 } })
    try {
      await waitForFilledWall(wall.page)
      const fit = await fitReport(wall.page)
      // 1920×1080 scaled to 1080 high leaves 320 px of black on each side.
      expect(fit.canvas.left).toBeCloseTo(320, 0)
      expect(fit.canvas.right).toBeCloseTo(2240, 0)
      expect(fit.scrollable).toBe(false)
      expect(wall.errors).toEqual([])
    } finally {
      await wall.close()
    }
  })
})

test('a KPI value on screen changes after matching events are posted', slow, async () => {
  const wall = await openWall(browser, app, { viewport: { width: 1920, height: 1080 } })
  try {
    await waitForFilledWall(wall.page)
    const before = await tileNumber(wall.page, 'calls_offered')
    // Far more calls than the simulator makes in the same seconds, so the change is ours.
    const posted = await postEvents(app, offeredCalls(2000, app.now()))
    expect(posted).toMatchObject({ accepted: 2000, rejected: 0 })
    await wall.page.waitForFunction(
      (min) => Number(document.querySelector('[data-testid="kpi-value-calls_offered"]')?.textContent?.replace(/[^\d]/g, '') ?? 0) >= min,
      before + 2000,
      { timeout: 30_000, polling: 250 },
    )
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})

test('an order that leaves the scrolling list is dimmed at once, not shown as overdue until the loop ends', slow, async () => {
  // More overdue orders than the list box holds, so the list scrolls, and
  // created long ago, so they rank first among the simulator's.
  const ids = Array.from({ length: 40 }, (_, i) => `E2E-WO-${String(i).padStart(2, '0')}`)
  expect(await postEvents(app, overdueOrders(ids, 20 * 86_400_000, app.now()))).toMatchObject({ accepted: 40, rejected: 0 })
  const wall = await openWall(browser, app, { viewport: { width: 1920, height: 1080 } })
  const row = (id: string) => wall.page.locator('.scroll-copy:not([aria-hidden]) .wo-row').filter({ has: wall.page.locator('.wo-row__id', { hasText: new RegExp(`^${id}$`) }) })
  try {
    await waitForFilledWall(wall.page)
    // The panel rotates with others in its zone: hidden panels stay rendered.
    // Generous: the day of history backfilled at start may still be ingesting.
    await row('E2E-WO-00').waitFor({ state: 'attached', timeout: 90_000 })
    await wall.page.locator('.scroll-track--moving').waitFor({ state: 'attached', timeout: 10_000 })
    expect(await row('E2E-WO-00').getAttribute('class')).not.toContain('wo-row--gone')

    await postEvents(app, [closedOrder('E2E-WO-00', app.now())])
    await wall.page.waitForFunction(
      () => [...document.querySelectorAll('.scroll-copy:not([aria-hidden]) .wo-row')].some(
        (el) => el.querySelector('.wo-row__id')?.textContent === 'E2E-WO-00' && el.classList.contains('wo-row--gone'),
      ),
      undefined,
      { timeout: 10_000, polling: 250 },
    )
    // Only that one: the other orders are still overdue.
    expect(await row('E2E-WO-01').getAttribute('class')).not.toContain('wo-row--gone')
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})

test('a layout file with an error is refused, and the wall keeps the last good layout', slow, async () => {
  const file = join(layoutsDir, 'default.json')
  const good = readFileSync(file, 'utf8')
  const wall = await openWall(browser, app, { query: 'layout_refresh=5', viewport: { width: 1920, height: 1080 } })
  try {
    const zones = await waitForFilledWall(wall.page)
    const broken = JSON.parse(good) as { zones: Array<{ panels: Array<{ options?: { kpis?: string[] } }> }> }
    broken.zones[1].panels[0].options!.kpis![0] = 'calls_offerd'
    writeFileSync(file, JSON.stringify(broken, null, 2))

    const viewer = await appAccess(app).person('viewer')
    const response = await fetch(`${app.url}/api/v1/layouts/default`, { headers: { ...viewer.headers, connection: 'close' } })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { message: string }
    expect(body.message).toContain('default.json')
    expect(body.message).toContain('/zones/1/panels/0/options/kpis/0')
    expect(body.message).toContain('unknown KPI id "calls_offerd"')

    const notice = wall.page.getByTestId('layout-notice')
    await notice.waitFor({ state: 'visible', timeout: 20_000 })
    await expect(notice.innerText()).resolves.toContain('calls_offerd')
    // Still the same zones, still filled, still live.
    await expect(waitForFilledWall(wall.page, 10_000)).resolves.toEqual(zones)
    await waitForFreshness(wall.page, 'live', 10_000)
    await screenshot(wall.page, 'wall-layout-refused.png')

    writeFileSync(file, good)
    await notice.waitFor({ state: 'detached', timeout: 20_000 })
    // The browser logs the refused fetch itself; nothing else may go wrong.
    expect(wall.errors.filter((e) => !e.includes('status of 422'))).toEqual([])
  } finally {
    writeFileSync(file, good)
    await wall.close()
  }
})

test('the wall reports its health, and reloads when asked', slow, async () => {
  const wall = await openWall(browser, app, { viewport: { width: 1280, height: 720 } })
  try {
    await waitForFilledWall(wall.page)
    const admin = await appAccess(app).admin()
    const list = (await (await fetch(`${app.url}/api/v1/devices`, { headers: { ...admin.headers, connection: 'close' } })).json()) as {
      devices: Array<{ id: string; connected: boolean; silent: boolean; layout: string; build: string | null }>
    }
    const me = list.devices.find((d) => d.id === wall.deviceId)
    expect(me).toMatchObject({ connected: true, silent: false, layout: 'default' })
    expect(me?.build).toMatch(/\S/)

    await wall.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    const reloaded = wall.page.waitForEvent('load', { timeout: 15_000 })
    const answer = await fetch(`${app.url}/api/v1/devices/${wall.deviceId}/reload`, { method: 'POST', headers: { ...admin.headers, connection: 'close' } })
    expect(answer.status).toBe(202)
    await reloaded
    await expect(wall.page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBeUndefined()
    await waitForFilledWall(wall.page)
    expect(wall.errors).toEqual([])
  } finally {
    await wall.close()
  }
})

test('a wall reloads itself when the server runs a new build, once, without a reload loop', slow, async () => {
  const file = join(app.distDir, 'build.json')
  const current = readFileSync(file, 'utf8')
  const wall = await openWall(browser, app, { viewport: { width: 1280, height: 720 } })
  try {
    await waitForFilledWall(wall.page)
    await wall.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    const reloaded = wall.page.waitForEvent('load', { timeout: 20_000 })
    // A new build the page cannot become (its bundle is the old one): it reloads once, then says so instead of looping.
    writeFileSync(file, JSON.stringify({ build: 'e2e-newer-build' }))
    await reloaded
    await expect(wall.page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBeUndefined()
    const notice = wall.page.getByTestId('build-notice')
    await notice.waitFor({ state: 'visible', timeout: 20_000 })
    await expect(notice.innerText()).resolves.toContain('e2e-newer-build')
    await wall.page.evaluate(() => ((window as unknown as { marker: number }).marker = 2))
    await wall.page.waitForTimeout(3_000)
    await expect(wall.page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(2)

    writeFileSync(file, current)
    await notice.waitFor({ state: 'detached', timeout: 20_000 })
    expect(wall.errors).toEqual([])
  } finally {
    writeFileSync(file, current)
    await wall.close()
  }
})
