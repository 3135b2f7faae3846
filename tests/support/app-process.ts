// The real all-in-one server (`bin/start.ts`: embedded ClickHouse, ingest,
// simulator, API, sockets, the built dashboard) as a child process, for the
// end-to-end tests and the wall benchmark. Each instance gets its own data
// directory (chDB binds one per process); it can be stopped with SIGTERM and
// started again on the same port and data, as a real restart would. It serves
// its own copy of the dashboard build: a rebuild in the repository while a
// test runs (another test file, a person) must not make its walls reload.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { shanghaiTime } from './fixed-clock.ts'

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const VITE = join(REPO, 'node_modules', '.bin', 'vite')
const READY_TIMEOUT_MS = 120_000
const STOP_TIMEOUT_MS = 20_000

export interface AppProcess {
  url: string
  port: number
  dataDir: string
  /** The copy of dashboard/dist this server serves (DASHBOARD_DIST). */
  distDir: string
  /** Starts the server again (same port, same data) after stop(). */
  start(): Promise<void>
  /** SIGTERM, and wait for the process to exit (SIGKILL after 20 s). */
  stop(): Promise<void>
  /** The process's output so far, for failure messages. */
  output(): string
  /** The server's clock now (epoch ms): events posted to it must be of its time. */
  now(): number
}

export interface AppOptions {
  /** Extra or overriding environment, e.g. { LAYOUTS_DIR, SIMULATOR: 'off' }. */
  env?: Record<string, string>
  /**
   * Where the server's clock stands when it first starts (epoch ms): 10:30 in
   * the center's time zone yesterday by default, whatever the hour the test
   * runs at, so the simulated traffic, and with it the test's cost and what
   * the wall shows, do not depend on it. It then runs on, across restarts.
   */
  startAt?: number
}

// libfaketime (Debian's faketime package, installed by .ci/run) preloaded
// into the server itself, not through the `faketime` command, which forks:
// a stop signal would reach the wrapper and leave the server running.
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1'

/** How far this process's own clock is moved already (FAKETIME="+Ns" or "-Ns", as .ci/at-hours sets it), in seconds. */
const ownOffsetSeconds = Number(/^([+-]?\d+)s$/.exec(process.env.FAKETIME ?? '')?.[1] ?? 0)

/** The environment that moves a process's clock by a fixed offset from the real one; timers keep the real monotonic clock. */
function movedClock(offsetSeconds: number): Record<string, string> {
  if (!existsSync(LIBFAKETIME)) throw new Error('libfaketime is not installed (apt-get install faketime): e2e servers run on a fixed clock')
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' }
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => ok(port))
    })
  })
}

function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

const upToDate = (marker: string) => {
  const sources = Math.max(
    newest(join(REPO, 'dashboard', 'src')),
    newest(join(REPO, 'dashboard', 'public')),
    statSync(join(REPO, 'dashboard', 'index.html')).mtimeMs,
    statSync(join(REPO, 'dashboard', 'vite.config.ts')).mtimeMs,
  )
  return existsSync(marker) && statSync(marker).mtimeMs >= sources
}

/**
 * Builds the dashboard when there is no build or the sources are newer than it,
 * so a test run always exercises the current code. `npm test` builds first,
 * and then this is a no-op. Test files run in parallel processes; a lock
 * directory makes one of them build while the others wait for it.
 */
export function ensureDashboardBuilt(): void {
  const marker = join(REPO, 'dashboard', 'dist', 'build.json')
  if (upToDate(marker)) return
  const lock = join(tmpdir(), 'cc-dashboard-build.lock')
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock left by a killed run is not waited for.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs
      if (since !== undefined && Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`waited 180 s for another dashboard build (lock ${lock})`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    if (upToDate(marker)) return
    const run = spawnSync(VITE, ['build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`dashboard build failed:\n${run.stdout}\n${run.stderr}`)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

// A plain request on a connection of its own, closed after the answer: a
// pooled keep-alive connection held by this process would keep the server's
// graceful close waiting.
function status(url: string): Promise<number> {
  return new Promise((ok) => {
    const request = get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      response.resume()
      ok(response.statusCode ?? 0)
    })
    request.on('error', () => ok(0))
    request.setTimeout(5_000, () => request.destroy())
  })
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output()}`)
    if ((await status(`${url}/readyz`)) === 200) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`)
}

export async function startApp(options: AppOptions = {}): Promise<AppProcess> {
  ensureDashboardBuilt()
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-wall-'))
  // The embedded operational store starts from the run's empty one, as the
  // test apps' do: a new one would spend seconds in initdb at every start.
  const storeTemplate = process.env.CC_TEST_PGLITE_TEMPLATE
  if (storeTemplate) cpSync(storeTemplate, join(dataDir, 'pg'), { recursive: true })
  const distDir = mkdtempSync(join(tmpdir(), 'cc-dist-'))
  cpSync(join(REPO, 'dashboard', 'dist'), distDir, { recursive: true })
  const url = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SIMULATOR: 'on',
    BACKFILL_DAYS: '0',
    KPI_TICK_MS: '1000',
    LOG_LEVEL: 'warn',
    DASHBOARD_DIST: distDir,
    ...options.env,
  }
  // One offset for the life of the test file: a restarted server's clock goes on, never back.
  const offsetSeconds = Math.round(((options.startAt ?? shanghaiTime(10, 30)) - Date.now()) / 1000)
  const clock = movedClock(ownOffsetSeconds + offsetSeconds)
  let child: ChildProcess | null = null
  let log = ''
  const output = () => log.slice(-20_000)

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('the server is already running')
    // node with the tsx loader, not the tsx wrapper: one process, so SIGTERM
    // and SIGKILL reach the server itself and nothing is left behind.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], { cwd: REPO, env: { ...env, ...clock }, stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    proc.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    proc.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    await waitReady(url, proc, output)
  }

  const stop = async () => {
    const proc = child
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise<void>((r) => proc.once('exit', () => r()))
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  await start()
  return { url, port, dataDir, distDir, start, stop, output, now: () => Date.now() + offsetSeconds * 1000 }
}
