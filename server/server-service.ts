// The server as a module with a start/stop API: builds the app, listens, and
// stops cleanly. Composed by `npm start` (server/main.ts, with ingest and the
// simulator in the same process) and by `npm run server` (server-main.ts).
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from './app.ts'

export interface StartServerOptions extends BuildAppOptions {
  host: string
  /** 0 picks a free port (tests, benchmarks). */
  port: number
}

export interface RunningServer {
  app: FastifyInstance
  /** Base URL, e.g. http://127.0.0.1:8080. */
  url: string
  /** Closes sockets, stops the tick loop and the HTTP server; leaves the caller's storage and sink open. */
  stop(): Promise<void>
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const app = await buildApp(opts)
  try {
    await app.listen({ host: opts.host, port: opts.port })
  } catch (err) {
    await app.close()
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new Error(`port ${opts.port} on ${opts.host} is in use; stop the other process or set PORT`)
    if (code === 'EADDRNOTAVAIL') throw new Error(`cannot bind ${opts.host}: no such address on this machine; check HOST`)
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : opts.port
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  let stopped: Promise<void> | undefined
  return {
    app,
    url: `http://${host}:${port}`,
    stop: () => (stopped ??= app.close()),
  }
}
