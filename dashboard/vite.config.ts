// Builds the dashboard to dashboard/dist, which the server serves at /wall,
// /desk and /lead, with the lead page's service worker as /sw.js (a fixed
// name at the root: its scope is the whole site) and dashboard/public (the
// web app manifest and its icons) copied as they are. Each build gets an id, written to dist/build.json (the
// server puts it in every snapshot) and compiled into the bundle (the page
// compares the two and reloads itself when the server runs a newer build).
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const buildId = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`

function buildIdFile(id: string): Plugin {
  return {
    name: 'build-id-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'build.json', source: `${JSON.stringify({ build: id })}\n` })
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), buildIdFile(buildId)],
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Walls run a current Chromium; no legacy transforms needed.
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), sw: fileURLToPath(new URL('src/sw/sw-entry.ts', import.meta.url)) },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
})
