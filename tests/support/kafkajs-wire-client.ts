/**
 * Test helper: a bare Kafka connection that encodes requests and decodes
 * responses with kafkajs's own protocol modules (kafkajs/src/protocol), so
 * the broker's wire format is checked against an independent implementation
 * and single requests (e.g. a long-polling Fetch) can be timed precisely.
 */
import { createRequire } from 'node:module'
import net from 'node:net'

const require = createRequire(import.meta.url)

interface KafkajsRequest {
  apiKey: number
  apiVersion: number
  encode(): Promise<unknown>
}

interface KafkajsProtocol {
  request: KafkajsRequest
  response: { decode(payload: Buffer): Promise<unknown> }
}

interface RequestDefinitions {
  protocol(args: { version: number }): (options: object) => KafkajsProtocol
}

type CreateRequest = (args: {
  correlationId: number
  clientId: string
  request: KafkajsRequest
}) => Promise<{ buffer: Buffer }>

// kafkajs ships no types for its internals; these casts describe the parts used.
const createRequest = require('kafkajs/src/protocol/request') as CreateRequest

/** kafkajs request module names under kafkajs/src/protocol/requests/. */
export type KafkajsApi = 'apiVersions' | 'metadata' | 'fetch' | 'listOffsets' | 'produce'

export class WireClient {
  private readonly waiting = new Map<number, (payload: Buffer) => void>()
  private buffered = Buffer.alloc(0)
  private nextCorrelationId = 1
  private readonly closed: Promise<void>

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()))
  }

  static connect(host: string, port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => resolve(new WireClient(socket)))
      socket.once('error', reject)
    })
  }

  /** Sends a request built by kafkajs and returns kafkajs's decoding of the response. */
  async request<T>(api: KafkajsApi, version: number, options: object): Promise<T> {
    const definitions = require(`kafkajs/src/protocol/requests/${api}`) as RequestDefinitions
    const { request, response } = definitions.protocol({ version })(options)
    const payload = await this.send(request)
    return (await response.decode(payload)) as T
  }

  /** Sends a raw request (any api key/version) and resolves with the response payload. */
  send(request: KafkajsRequest): Promise<Buffer> {
    const correlationId = this.nextCorrelationId++
    return new Promise((resolve, reject) => {
      this.waiting.set(correlationId, resolve)
      this.closed.then(() => reject(new Error('connection closed')), reject)
      createRequest({ correlationId, clientId: 'wire-test', request }).then(
        (frame) => this.socket.write(frame.buffer),
        reject,
      )
    })
  }

  /** Resolves once the broker has closed the connection. */
  whenClosed(): Promise<void> {
    return this.closed
  }

  close(): void {
    this.socket.destroy()
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk])
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0)
      if (this.buffered.length < 4 + size) return
      const correlationId = this.buffered.readInt32BE(4)
      const payload = this.buffered.subarray(8, 4 + size)
      this.buffered = this.buffered.subarray(4 + size)
      this.waiting.get(correlationId)?.(payload)
      this.waiting.delete(correlationId)
    }
  }
}
