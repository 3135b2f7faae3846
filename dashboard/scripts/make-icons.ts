// Draws the lead page's app icons (the web app manifest's PNGs) from their
// SVG sources in dashboard/public/icons, in Debian's Chromium through
// playwright-core, the browser the tests use (never a downloaded one):
// icon.svg at 192 and 512 px, icon-maskable.svg at 512 px. Run it after
// changing an SVG: `npm run icons`; the PNGs are committed beside their
// sources.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ICONS = fileURLToPath(new URL('../public/icons/', import.meta.url))
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const RENDERS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
]

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    for (const { svg, png, size } of RENDERS) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
      const source = readFileSync(join(ICONS, svg), 'utf8')
      // The SVG fills the viewport exactly; transparent where it draws nothing (the rounded corners of icon.svg).
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `)}</body></html>`)
      writeFileSync(join(ICONS, png), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
      await page.close()
      console.log(`${png}: ${size}×${size} from ${svg}`)
    }
  } finally {
    await browser.close()
  }
}

await main()
