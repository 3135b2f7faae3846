// Where sources hand events: the in-process pipeline (embedded) or a Kafka
// publisher (deployed, when KAFKA_BROKERS is set). Both answer per input and
// say when the accepted ones are durable.
import type { RejectCode } from '../../schemas/validate.ts'
import type { IngestInput } from './decode.ts'

export interface SubmitItem {
  input: IngestInput
  /** Where it came from, e.g. `simulator`, `http`, `kafka:cc.calls/2`, `file:events.ndjson`. */
  source: string
}

export type ItemResult =
  | { ok: true; event_id: string; type: string }
  | { ok: false; code: RejectCode; reason: string }

export interface Submission {
  results: ItemResult[]
  /** Resolves once every accepted or dead-lettered input of this submission is stored. */
  durable: Promise<void>
}

export interface EventSink {
  submit(items: SubmitItem[]): Promise<Submission>
}
