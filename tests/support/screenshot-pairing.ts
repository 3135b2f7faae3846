// Makes docs/pairing-screen.png, the README's picture of an unpaired wall:
// the real server (no users yet, simulator off) and headless Chromium at
// 1280×720 on /wall, taken once the code and its QR code show. Run it after
// `npm run build` whenever the pairing screen changes:
//
//   npx tsx tests/support/screenshot-pairing.ts
//
// The code differs on every run; nothing else does.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, startApp } from './app-process.ts'
import { launchBrowser, openPage } from './browser.ts'

const OUT = join(REPO, 'docs', 'pairing-screen.png')

async function main(): Promise<void> {
  const app = await startApp({ env: { SIMULATOR: 'off' } })
  const browser = await launchBrowser()
  try {
    const wall = await openPage(browser, `${app.url}/wall`, { width: 1280, height: 720 })
    await wall.page.locator('[data-testid="pairing-qr"]').waitFor({ timeout: 30_000 })
    // The pointer would hide after 3 s anyway; keep it out of the picture.
    await wall.page.mouse.move(0, 0)
    mkdirSync(join(REPO, 'docs'), { recursive: true })
    await wall.page.screenshot({ path: OUT })
    console.log(`wrote ${OUT}`)
  } finally {
    await browser.close()
    await app.stop()
    // Outside the test runner nothing cleans the server's temporary directories up.
    rmSync(app.dataDir, { recursive: true, force: true })
    rmSync(app.distDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
