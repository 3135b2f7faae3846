// What the server tests share: an app over a fresh embedded ClickHouse with
// an in-process ingest pipeline (small batches, fast ticks) and a fresh
// embedded operational store (PGlite), a pino logger
// whose lines a test can read, and a Socket.IO client that keeps its own
// copy of the snapshot by applying deltas, as a screen does.
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pino, type Logger } from 'pino'
import { io as connect, type Socket } from 'socket.io-client'
import { createMetricsRegistry, type Registry } from '../core/metrics/registry.ts'
import { loadIngestConfig } from '../ingest/config.ts'
import { IngestPipeline } from '../ingest/pipeline.ts'
import { DEFAULT_SLA_RULES } from '../schemas/sla.ts'
import { applyPatch } from '../schemas/patch.ts'
import type { Delta, Snapshot } from '../schemas/snapshot.ts'
import type { ClientToServerEvents, ServerToClientEvents } from '../schemas/socket-events.ts'
import { loadTerritory } from '../schemas/territory.ts'
import { loadServerConfig, type ServerConfig } from '../server/config.ts'
import { buildApp, type BuildAppOptions } from '../server/app.ts'
import { startServer, type RunningServer } from '../server/server-service.ts'
import { openTempStorage } from './support/temp-storage.ts'
import { withToken, type Caller } from './support/access.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

export const territory = loadTerritory()

export type TempStorage = Awaited<ReturnType<typeof openTempStorage>>

/** Server configuration for tests: fast ticks, no dashboard build unless a test makes one, no bulletins on schedule unless a test asks. */
export function testConfig(env: Record<string, string> = {}): ServerConfig {
  const dist = join(tmpdir(), `cc-no-dist-${randomUUID()}`)
  return loadServerConfig({ KPI_TICK_MS: '200', DASHBOARD_DIST: dist, BULLETIN_DAILY_AT: 'off', BULLETIN_WEEKLY_AT: 'off', ...env })
}

/** A pino logger that keeps its lines for the test to read. */
export function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string })
      done()
    },
  })
  return { logger: pino({ level: 'info' }, stream), lines }
}

export function testPipeline(storage: TempStorage, metrics?: Registry): IngestPipeline {
  const quiet = { info: () => {}, warn: () => {}, error: () => {} }
  return new IngestPipeline({ client: storage.client, config: { ...loadIngestConfig({}), batchMs: 50 }, slaRules: DEFAULT_SLA_RULES, logger: quiet, metrics })
}

export interface TestApp {
  storage: TempStorage
  store: TempStore
  pipeline: IngestPipeline
  app: Awaited<ReturnType<typeof buildApp>>
  /** A program with an API token of every scope (read, metrics:read, events:write), for tests about something else than access. */
  program: Caller
  close(): Promise<void>
}

/** An app (not listening) over a fresh storage, store and pipeline. */
export async function openTestApp(over: Partial<Omit<BuildAppOptions, 'store'>> = {}): Promise<TestApp> {
  const [storage, store] = await Promise.all([openTempStorage(), openTempStore()])
  const metrics = createMetricsRegistry()
  const pipeline = testPipeline(storage, metrics)
  const app = await buildApp({ storage, store, config: testConfig(), territory, sink: pipeline, metrics, ...over })
  await app.ready()
  return {
    storage,
    store,
    pipeline,
    app,
    program: await withToken(app, ['read', 'metrics:read', 'events:write']),
    async close() {
      await app.close()
      await pipeline.stop()
      await storage.destroy()
      await store.destroy()
    },
  }
}

export interface TestServer {
  storage: TempStorage
  store: TempStore
  pipeline: IngestPipeline
  server: RunningServer
  /** A program with an API token of every scope, for tests about something else than access. */
  program: Caller
  close(): Promise<void>
}

/** A listening server on a free port over a fresh storage, store and pipeline. */
export async function openTestServer(over: Partial<Omit<BuildAppOptions, 'store'>> = {}): Promise<TestServer> {
  const [storage, store] = await Promise.all([openTempStorage(), openTempStore()])
  const metrics = createMetricsRegistry()
  const pipeline = testPipeline(storage, metrics)
  const server = await startServer({
    storage,
    store,
    config: testConfig(),
    territory,
    sink: pipeline,
    metrics,
    host: '127.0.0.1',
    port: 0,
    ...over,
  })
  return {
    storage,
    store,
    pipeline,
    server,
    program: await withToken(server.app, ['read', 'metrics:read', 'events:write']),
    async close() {
      await server.stop()
      await pipeline.stop()
      await storage.destroy()
      await store.destroy()
    },
  }
}

export type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * A screen's view of the server: the last snapshot received, kept current by
 * applying each delta whose base is the tick it holds (any other delta makes
 * it ask for a whole snapshot, as the dashboard does).
 */
export class Screen {
  readonly socket: ScreenSocket
  state: Snapshot | undefined
  readonly snapshots: Snapshot[] = []
  readonly deltas: Delta[] = []
  readonly errors: Array<{ event: string; message: string }> = []
  gaps = 0
  private waiters: Array<() => void> = []

  constructor(url: string, opts: { caller: Caller; subscribeOnConnect?: Parameters<ClientToServerEvents['subscribe']>[0] }) {
    this.socket = connect(url, { transports: ['websocket'], ...opts.caller.socket, reconnectionDelay: 50 })
    this.socket.on('connect', () => {
      if (opts.subscribeOnConnect) this.socket.emit('subscribe', opts.subscribeOnConnect)
    })
    this.socket.on('snapshot', (s) => {
      this.state = s
      this.snapshots.push(s)
      this.notify()
    })
    this.socket.on('delta', (d) => {
      this.deltas.push(d)
      if (this.state && d.base_tick === this.state.tick) this.state = applyPatch(this.state, d.patch)
      else {
        this.gaps += 1
        this.socket.emit('snapshot:request')
      }
      this.notify()
    })
    this.socket.on('request:error', (e) => {
      this.errors.push(e)
      this.notify()
    })
  }

  /** Resolves once `check` holds after some message, or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs)
      const waiter = () => {
        if (!check()) return
        clearTimeout(timer)
        this.waiters = this.waiters.filter((w) => w !== waiter)
        resolve()
      }
      this.waiters.push(waiter)
    })
  }

  close(): void {
    this.socket.close()
  }

  private notify(): void {
    for (const w of [...this.waiters]) w()
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `check` resolves true, or throws after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}
