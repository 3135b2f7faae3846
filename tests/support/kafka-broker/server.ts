/**
 * TCP server and Kafka framing. Each request is `INT32 size` + header v1
 * (api_key, api_version, correlation_id, client_id) + body; each response is
 * `INT32 size` + correlation_id + body (kafkajs never uses flexible versions).
 *
 * Like Kafka, a connection's requests are handled one at a time, in order, so
 * a long-polling Fetch or a blocked JoinGroup delays later requests on that
 * connection only. Malformed requests, unknown API keys and unsupported
 * versions close the connection.
 */
import net from 'node:net'
import { ProtocolError, Reader, Writer } from './codec.ts'
import type { BrokerState } from './broker-state.ts'
import type { ApiHandler } from './apis/types.ts'

const MAX_FRAME_BYTES = 100 * 1024 * 1024

export interface ServerOptions {
  host: string
  port: number
  state: BrokerState
  handlers: ReadonlyMap<number, ApiHandler>
  log: (message: string) => void
}

class ClientConnection {
  private readonly chunks: Buffer[] = []
  private buffered = 0
  private readonly queue: Buffer[] = []
  private busy = false
  private readonly closed = new AbortController()

  constructor(
    private readonly socket: net.Socket,
    private readonly options: ServerOptions,
  ) {
    socket.setNoDelay(true)
    // no encoding is set, so chunks are Buffers; the check only narrows the type
    socket.on('data', (chunk) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
    socket.on('error', () => socket.destroy()) // e.g. ECONNRESET from a killed client
    socket.on('close', () => this.closed.abort())
  }

  /** Ends the connection and releases its waiting requests (broker stopping). */
  close(): void {
    this.closed.abort()
    this.socket.destroy()
  }

  get signal(): AbortSignal {
    return this.closed.signal
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.buffered += chunk.length
    while (this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0] : this.flatten()
      const size = head.readInt32BE(0)
      if (size < 8 || size > MAX_FRAME_BYTES) {
        this.fail(`invalid request size ${size}`)
        return
      }
      if (this.buffered < 4 + size) break
      const all = this.flatten()
      this.queue.push(all.subarray(4, 4 + size))
      const rest = all.subarray(4 + size)
      this.chunks.length = 0
      this.buffered = rest.length
      if (rest.length > 0) this.chunks.push(rest)
    }
    void this.pump()
  }

  private flatten(): Buffer {
    const all = Buffer.concat(this.chunks, this.buffered)
    this.chunks.length = 0
    this.chunks.push(all)
    return all
  }

  private async pump(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      while (this.queue.length > 0 && !this.signal.aborted) {
        const frame = this.queue.shift()
        if (frame) await this.handle(frame)
      }
    } finally {
      this.busy = false
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    const reader = new Reader(frame)
    let label = 'request'
    try {
      const apiKey = reader.int16()
      const apiVersion = reader.int16()
      const correlationId = reader.int32()
      const clientId = reader.nullableString() ?? ''
      label = `api ${apiKey} v${apiVersion} from "${clientId}"`
      const handler = this.options.handlers.get(apiKey)
      if (!handler) throw new ProtocolError('unsupported API key')
      label = `${handler.name} v${apiVersion} from "${clientId}"`
      const supported = apiVersion >= handler.minVersion && apiVersion <= handler.maxVersion
      if (!supported && !handler.acceptsUnsupportedVersions) {
        throw new ProtocolError(`unsupported version (supported ${handler.minVersion}-${handler.maxVersion})`)
      }
      const body = await handler.handle(reader, {
        apiVersion,
        clientId,
        broker: this.options.state,
        signal: this.signal,
      })
      if (body && !this.socket.destroyed) this.send(correlationId, body)
    } catch (error) {
      // Malformed input is the client's fault; anything else is a broker bug,
      // logged with its stack. Either way this connection cannot continue.
      const reason =
        error instanceof ProtocolError ? error.message : error instanceof Error ? error.stack : String(error)
      this.fail(`${label}: ${reason}`)
    }
  }

  private send(correlationId: number, body: Writer): void {
    const payload = body.toBuffer()
    const frame = new Writer(payload.length + 8)
      .int32(payload.length + 4)
      .int32(correlationId)
      .raw(payload)
      .toBuffer()
    this.socket.write(frame)
  }

  private fail(reason: string): void {
    this.options.log(`closing connection ${this.socket.remoteAddress}:${this.socket.remotePort}: ${reason}`)
    this.queue.length = 0
    this.socket.destroy()
  }
}

export interface RunningServer {
  port: number
  close(): Promise<void>
}

export async function listen(options: ServerOptions): Promise<RunningServer> {
  const connections = new Set<ClientConnection>()
  const server = net.createServer((socket) => {
    const connection = new ClientConnection(socket, options)
    connections.add(connection)
    socket.on('close', () => connections.delete(connection))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error) => options.log(`server error: ${error.message}`))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address')

  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.close()
        server.close(() => resolve())
      }),
  }
}
