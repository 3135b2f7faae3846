import { defineConfig } from 'vitest/config'

// Each test file runs in its own process: chDB binds one data directory per
// process, and files must not share one.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/store-global-setup.ts'],
    pool: 'forks',
    isolate: true,
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/artifacts/vitest-report.json' },
  },
})
