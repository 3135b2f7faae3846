// No dashboard module does anything when it is imported: no reading of the
// URL, no socket, no timer, no touching of the page. Only the entry
// (main.tsx) starts the app, and each page starts what it needs when it
// mounts. Imported here where there is no window or document at all, any
// such access at import would throw.
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test, vi } from 'vitest'

const SRC = join(import.meta.dirname, '..', '..', 'dashboard', 'src')
const modules = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts') && file !== 'main.tsx')
  .map((file) => join(SRC, file))

test('every module but the entry imports without a window', { timeout: 60_000 }, async () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  // The one thing the bundle is given at build time (dashboard/vite.config.ts).
  vi.stubGlobal('__BUILD_ID__', 'test-build')
  expect(modules.length).toBeGreaterThan(40)
  for (const file of modules) {
    await expect(import(file), relative(SRC, file)).resolves.toBeDefined()
  }
})
