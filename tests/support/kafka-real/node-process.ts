// One Kafka node's JVM (kafka.Kafka, broker and controller), started through
// guard.sh so it cannot outlive the Node process that started it. Its output
// is appended to the node's log file; it is up once it logs that its server
// started (the same line in 3.9 and 4.x).
import { spawn } from 'node:child_process'
import { realClockEnv } from '../real-clock.ts'
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { jvmOptions } from './jvm-options.ts'

const GUARD = fileURLToPath(new URL('./guard.sh', import.meta.url))
const STARTED = 'Kafka Server started'
// A clean shutdown takes 2–8 s; one that cannot finish (the last nodes of a
// cluster, with no quorum left to hand over to) is cut short.
const TERMINATE_TIMEOUT_MS = 30_000

/** `kill`: SIGKILL, instant, a crash as Kafka sees it. `terminate`: SIGTERM, Kafka's clean shutdown. */
export type StopMode = 'kill' | 'terminate'

export interface NodeProcess {
  /** Resolves when the JVM has exited. */
  readonly exited: Promise<void>
  stop(mode: StopMode): Promise<void>
}

export interface LaunchOptions {
  jarsDir: string
  propertiesFile: string
  logFile: string
  logLevel: string
  timeoutMs: number
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function logSince(logFile: string, offset: number): string {
  return readFileSync(logFile).subarray(offset).toString()
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/** Starts a node and resolves once it has started, or rejects with the end of its log. */
export async function launchNode(opts: LaunchOptions): Promise<NodeProcess> {
  const offset = existsSync(opts.logFile) ? statSync(opts.logFile).size : 0
  const out = openSync(opts.logFile, 'a')
  // detached: a Ctrl-C in the terminal reaches the Node process only, which
  // decides how its brokers stop.
  const child = spawn('sh', [GUARD, 'java', ...jvmOptions(opts.jarsDir, opts.logLevel), 'kafka.Kafka', opts.propertiesFile], {
    detached: true,
    env: realClockEnv(),
    stdio: ['pipe', out, out],
  })
  closeSync(out)
  let running = true
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', () => resolve())
  }).then(() => {
    running = false
  })

  const node: NodeProcess = {
    exited,
    async stop(mode) {
      if (!running) return
      if (mode === 'terminate') {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.stdin?.destroy(), TERMINATE_TIMEOUT_MS)
        await exited.finally(() => clearTimeout(timer))
      } else {
        // guard.sh kills the JVM when its stdin closes.
        child.stdin?.destroy()
        await exited
      }
    },
  }

  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    const log = logSince(opts.logFile, offset)
    if (log.includes(STARTED)) return node
    if (!running) throw new Error(`the Kafka node (${opts.propertiesFile}) exited while starting:\n${tail(log)}`)
    if (Date.now() > deadline) {
      await node.stop('kill')
      throw new Error(`the Kafka node (${opts.propertiesFile}) did not start within ${opts.timeoutMs / 1000} s:\n${tail(log)}`)
    }
    await sleep(100)
  }
}
