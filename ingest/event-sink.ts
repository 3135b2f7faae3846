// Where sources hand events: the in-process pipeline (embedded) or a Kafka
// publisher (deployed, when KAFKA_BROKERS is set). Both answer per input and
// say when the accepted ones are durable.
import type { SubmitItem, Submission } from './pipeline.ts'

export interface EventSink {
  submit(items: SubmitItem[]): Promise<Submission>
}
