// Runs `bin/ingest.ts` (what `npm run ingest` runs) as a real child
// process for tests that must kill it (SIGKILL) or stop it (SIGTERM) and
// restart it. It is started as `node --import tsx bin/ingest.ts`
// rather than through `npx tsx`: npx and the tsx CLI each put a parent
// process in front of the one that runs the code, and a SIGKILL sent to the
// parent would leave the real consumer running as an orphan.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface IngestExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface IngestProcess {
  readonly child: ChildProcess
  /** Base URL of its /healthz and /metrics, once it has logged it. */
  readonly baseUrl: Promise<string>
  readonly exited: Promise<IngestExit>
  /** stdout (JSON log lines) and stderr so far, for failure messages. */
  output(): string
  healthz(): Promise<{ status: number; body: { status: string; kafka: { assigned: Record<string, number[]> } } }>
  metrics(): Promise<string>
  /** Resolves once /healthz answers 200 (joined its group). */
  waitHealthy(timeoutMs?: number): Promise<void>
  kill(signal: NodeJS.Signals): Promise<IngestExit>
}

/**
 * Starts an ingest process. `env` is added to this process's environment
 * without CLICKHOUSE_URL and KAFKA_* settings of the outer shell; the
 * metrics port defaults to 0 (any free port, read back from its log).
 */
export function spawnIngest(env: Record<string, string>): IngestProcess {
  const base: Record<string, string | undefined> = { ...process.env }
  for (const key of Object.keys(base)) if (key.startsWith('KAFKA_') || key.startsWith('CLICKHOUSE_')) delete base[key]
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/ingest.ts'], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'info', INGEST_METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let resolveUrl: (url: string) => void = () => undefined
  let rejectUrl: (err: Error) => void = () => undefined
  const baseUrl = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve
    rejectUrl = reject
  })
  baseUrl.catch(() => undefined)
  let pendingLine = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    out += chunk
    const lines = (pendingLine + chunk).split('\n')
    pendingLine = lines.pop() ?? ''
    for (const line of lines) {
      const match = /"health_url":"(http:\/\/[^"]+)\/healthz"/.exec(line)
      if (match) resolveUrl(match[1])
    }
  })
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    out += chunk
  })
  const exited = new Promise<IngestExit>((resolve) => {
    child.once('exit', (code, signal) => {
      rejectUrl(new Error(`the ingest process exited (code ${code}, signal ${signal}) before serving its endpoint:\n${out.slice(-4000)}`))
      resolve({ code, signal })
    })
  })

  const get = async (path: string) => fetch(`${await baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) })
  const proc: IngestProcess = {
    child,
    baseUrl,
    exited,
    output: () => out,
    async healthz() {
      const res = await get('/healthz')
      return { status: res.status, body: (await res.json()) as Awaited<ReturnType<IngestProcess['healthz']>>['body'] }
    },
    async metrics() {
      return (await get('/metrics')).text()
    },
    async waitHealthy(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the ingest process served no endpoint within ${timeoutMs} ms:\n${out.slice(-4000)}`)), timeoutMs)
      })
      await Promise.race([baseUrl, late]).finally(() => clearTimeout(timer))
      for (;;) {
        const health = await proc.healthz().catch(() => null)
        if (health?.status === 200) return
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(`the ingest process did not become healthy (last: ${JSON.stringify(health)}):\n${out.slice(-4000)}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  return proc
}
