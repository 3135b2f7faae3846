// Copies of the messages the pipeline refused, on KAFKA_DLQ_TOPIC: the
// original key and value, with why they were refused and where they came
// from in headers, so the producing team can find and replay them.
import type { KafkaMessage, Message, Producer } from 'kafkajs'
import type { ItemResult } from '../intake/event-sink.ts'

/** The refused messages of a batch, copied to the dead-letter topic with why and where from. */
export async function publishDeadLetters(
  producer: Producer,
  dlqTopic: string,
  topic: string,
  partition: number,
  messages: KafkaMessage[],
  results: ItemResult[],
): Promise<void> {
  const dead: Message[] = []
  results.forEach((result, i) => {
    if (result.ok) return
    const m = messages[i]
    dead.push({
      key: m.key,
      value: m.value,
      headers: { reason_code: result.code, reason: result.reason, source: `kafka:${topic}/${partition}`, topic, partition: String(partition), offset: m.offset },
    })
  })
  if (dead.length > 0) await producer.send({ topic: dlqTopic, acks: -1, messages: dead })
}
