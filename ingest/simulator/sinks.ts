// Where the simulator's lines go. The CLI chooses a sink here and nowhere
// else; the Kafka and ingest sinks are placeholders until they are wired.
import { once } from 'node:events'

export const SINK_TARGETS = ['stdout', 'kafka', 'ingest'] as const
export type SinkTarget = (typeof SINK_TARGETS)[number]

export interface Sink {
  /** Hands lines over; resolves when the destination can take more (backpressure). */
  write(lines: string[]): Promise<void>
  /** Flushes and releases the destination. */
  close(): Promise<void>
}

export interface SinkOptions {
  /** For `stdout`: the stream to write to (default process.stdout). */
  stdout?: NodeJS.WritableStream
}

export async function createSink(to: SinkTarget, options: SinkOptions = {}): Promise<Sink> {
  switch (to) {
    case 'stdout':
      return streamSink(options.stdout ?? process.stdout)
    case 'kafka':
    case 'ingest':
      throw new Error(`--to ${to} is not available yet; use --to stdout`)
  }
}

/** NDJSON: one event per line. */
function streamSink(out: NodeJS.WritableStream): Sink {
  return {
    async write(lines) {
      if (lines.length === 0) return
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain')
    },
    async close() {},
  }
}
