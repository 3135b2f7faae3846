// Fan-out: 500 Socket.IO clients connected to one server process; the delay
// from a tick's computation (the snapshot's computed_at) to each client
// receiving its delta. Goal: p95 ≤ 100 ms.
//
// The server (embedded ClickHouse, ingest pipeline, simulator keeping the
// figures moving, KPI ticks every KPI_TICK_MS) runs in this process; the
// clients run in a child process, so that their decoding does not share the
// server's event loop. Both read the same system clock.
//
//   npx tsx tests/bench/fanout-bench.ts [--clients 500] [--seconds 30]
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { io as connect, type Socket } from 'socket.io-client'
import { parseFlags } from '../../core/cli/cli-args.ts'
import { loadIngestConfig } from '../../ingest/config.ts'
import { createLogger } from '../../core/logger.ts'
import { IngestPipeline } from '../../ingest/pipeline.ts'
import { backfill, createSimulator, runRealtime } from '../../ingest/simulator/simulator.ts'
import { openStorage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'
import { withToken } from '../support/access.ts'
import { openTempStore } from '../support/temp-store.ts'
import type { Delta } from '../../schemas/snapshot.ts'
import { DEFAULT_SLA_RULES } from '../../schemas/sla.ts'
import { loadTerritory } from '../../schemas/territory.ts'
import { loadServerConfig } from '../../server/config.ts'
import { KpiEngine } from '../../server/kpi/kpi-engine.ts'
import { startServer } from '../../server/server-service.ts'

const GOAL_MS = 100

interface ClientReport {
  connected: number
  /** Receive time − computed_at, per client per delta (ms). */
  delays: number[]
  /** Receive time, keyed by computed_at, per client per delta (epoch ms). */
  received: Array<[string, number]>
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

// The child: N screens that only note when each delta arrives.
async function runClients(url: string, token: string, count: number): Promise<void> {
  const report: ClientReport = { connected: 0, delays: [], received: [] }
  const sockets: Socket[] = []
  for (let i = 0; i < count; i++) {
    const socket = connect(url, { transports: ['websocket'], reconnection: false, auth: { token } })
    socket.on('delta', (d: Delta) => {
      const at = Date.now()
      const computedAt = d.patch.computed_at
      if (typeof computedAt !== 'string') return
      report.delays.push(at - Date.parse(computedAt))
      report.received.push([computedAt, at])
    })
    socket.on('connect', () => {
      report.connected += 1
      if (report.connected === count) process.send?.({ kind: 'ready' })
    })
    sockets.push(socket)
    // Connect in waves, as walls coming up do, not in one burst.
    if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'start') {
      report.delays.length = 0
      report.received.length = 0
    }
    if (message.kind === 'report') {
      for (const s of sockets) s.close()
      process.send?.({ kind: 'report', report }, () => process.exit(0))
    }
  })
}

async function runServer(clients: number, seconds: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-fanout-'))
  const log = createLogger('fanout-bench', { level: 'warn', format: 'json' })
  const territory = loadTerritory()
  const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
  await migrate(storage.client)
  const store = await openTempStore()
  const pipeline = new IngestPipeline({ client: storage.client, config: loadIngestConfig({}), slaRules: DEFAULT_SLA_RULES, logger: log })
  const submitLines = async (lines: string[]) => {
    await pipeline.submit(lines.map((input) => ({ input, source: 'simulator' })))
  }

  // Two hours of history so snapshots carry realistic figures, then live events.
  const sim = createSimulator({ territory, seed: 11, start: new Date(Date.now() - 2 * 3_600_000), callVolume: 5 })
  await backfill(sim, new Date(), submitLines)
  await pipeline.flush()
  const live = runRealtime(sim, { speed: 1, sink: submitLines })

  const config = loadServerConfig({ ...process.env, PORT: '0' })
  const engine = new KpiEngine({ client: storage.client, territory, timeZone: config.timeZone })
  // When each tick's computation finished: the delay after it is fan-out alone.
  const computedDone = new Map<string, number>()
  const computeMs: number[] = []
  const server = await startServer({
    storage,
    store,
    config,
    territory,
    sink: pipeline,
    host: '127.0.0.1',
    port: 0,
    engine: {
      compute: async (now, region) => {
        const body = await engine.compute(now, region)
        computedDone.set(body.computed_at, Date.now())
        computeMs.push(Date.now() - now.getTime())
        return body
      },
    },
  })

  // The screens sign in as a program would, with a read token (the child gets it in its environment, not its command line).
  const { token } = await withToken(server.app, ['read'])
  const child = fork(fileURLToPath(import.meta.url), ['--role', 'clients', '--url', server.url, '--clients', String(clients)], {
    env: { ...process.env, CC_BENCH_TOKEN: token },
    execArgv: process.execArgv,
  })
  const fromChild = (kind: string) =>
    new Promise<{ kind: string; report?: ClientReport }>((resolve) => {
      const onMessage = (m: { kind: string; report?: ClientReport }) => {
        if (m.kind !== kind) return
        child.off('message', onMessage)
        resolve(m)
      }
      child.on('message', onMessage)
    })
  await fromChild('ready')
  // Settle after the connection burst, then measure.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  child.send({ kind: 'start' })
  process.stdout.write(`measuring ${clients} clients for ${seconds} s (tick ${config.kpiTickMs} ms)...\n`)
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  child.send({ kind: 'report' })
  const { report } = await fromChild('report')

  const fanout = report!.received.flatMap(([computedAt, at]) => {
    const done = computedDone.get(computedAt)
    return done === undefined ? [] : [at - done]
  })
  const ticks = new Set(report!.received.map(([computedAt]) => computedAt)).size
  const delays = report!.delays
  const p95 = percentile(delays, 95)
  const lines = [
    `fan-out: ${report!.connected} clients, ${ticks} ticks, ${delays.length} deltas received`,
    `delay from computed_at to client: p50 ${percentile(delays, 50)} ms, p95 ${p95} ms, p99 ${percentile(delays, 99)} ms, max ${Math.max(...delays)} ms`,
    `  the computation itself (computed_at is its start): p50 ${percentile(computeMs, 50)} ms, p95 ${percentile(computeMs, 95)} ms`,
    `  after the computation ended (diff + emit + delivery): p50 ${percentile(fanout, 50)} ms, p95 ${percentile(fanout, 95)} ms`,
    `goal: p95 <= ${GOAL_MS} ms; ratio p95/goal = ${(p95 / GOAL_MS).toFixed(2)} ${p95 <= GOAL_MS ? '(met)' : '(NOT met)'}`,
  ]
  process.stdout.write(lines.join('\n') + '\n')

  await live.stop()
  await server.stop()
  await pipeline.stop()
  await storage.close()
  await store.destroy()
  rmSync(dataDir, { recursive: true, force: true })
}

const flags = parseFlags(process.argv.slice(2), { role: { type: 'string' }, url: { type: 'string' }, clients: { type: 'string' }, seconds: { type: 'string' } })
const clientCount = Number(flags.clients ?? 500)
const seconds = Number(flags.seconds ?? 30)
if (!Number.isInteger(clientCount) || clientCount < 1) throw new Error('--clients must be a positive integer')
if (!(seconds > 0)) throw new Error('--seconds must be positive')
if (flags.role === 'clients') await runClients(String(flags.url), String(process.env.CC_BENCH_TOKEN), clientCount)
else await runServer(clientCount, seconds)
