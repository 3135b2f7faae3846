// One temporary directory per test run: every test file, and every server,
// ingest process and browser a test starts, makes its temporary files (data
// directories, dashboard copies, Chromium profiles) under it through
// TMPDIR, and it is removed when the run ends, so runs leave nothing behind
// in /tmp (a day of backfilled history is a few hundred MB). Others may
// pass through it (mode 0711): the test PostgreSQL server runs as its own
// user, in a directory of its own under it (store-global-setup.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'cc-test-run-'))
  chmodSync(root, 0o711)
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
