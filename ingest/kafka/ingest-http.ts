// The deployed ingest process's own small HTTP endpoint: /healthz for the
// orchestrator's health check and /metrics for Prometheus. Nothing else is
// served; the ingest has no API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../../core/logger.ts'

export interface Health {
  /** false makes /healthz answer 503. */
  ok: boolean
  body: Record<string, unknown>
}

export interface IngestHttpOptions {
  host: string
  port: number
  health: () => Health
  metrics: () => Promise<string>
  logger: Logger
}

export interface IngestHttp {
  url: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

export async function startIngestHttp(opts: IngestHttpOptions): Promise<IngestHttp> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'application/json', JSON.stringify({ error: 'method_not_allowed', message: 'only GET is served' }))
      return
    }
    if (path === '/healthz') {
      const health = opts.health()
      send(res, health.ok ? 200 : 503, 'application/json', JSON.stringify(health.body))
      return
    }
    if (path === '/metrics') {
      send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', await opts.metrics())
      return
    }
    send(res, 404, 'application/json', JSON.stringify({ error: 'not_found', message: 'the ingest serves /healthz and /metrics only' }))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err: (err as Error).message, path: req.url }, 'ingest http: request failed')
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: 'internal', message: (err as Error).message }))
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
