// What the Kafka tests read back from a broker to check the ingest and the
// publisher against: partition end offsets, a group's committed offsets and
// members, every message of a topic. Through kafkajs's admin client and a
// consumer of a throwaway group, so it asks Kafka the way an operator's
// tools would, and works the same against any Kafka.
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs'

/** A message as stored in a partition, key, value and headers as text. */
export interface StoredMessage {
  partition: number
  offset: number
  key: string | null
  value: string | null
  headers: Record<string, string>
}

/** Offsets by partition number. */
export type PartitionOffsets = Record<number, number>

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) text[key] = first.toString()
  }
  return text
}

/**
 * `read`, again while Kafka answers with an error it calls retriable: a topic
 * created a moment ago may not have its leader known to every broker's
 * metadata yet (NOT_LEADER_OR_FOLLOWER), and kafkajs's admin passes that on.
 */
async function retried<T>(read: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || attempt >= attempts) throw err
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

export class KafkaInspector {
  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {}

  /** `brokers`: a comma-separated host:port list, as KAFKA_BROKERS. */
  static async connect(brokers: string): Promise<KafkaInspector> {
    const kafka = new Kafka({ clientId: 'test-inspector', brokers: brokers.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    return new KafkaInspector(kafka, admin)
  }

  /** The next offset to be written in each partition of `topic`. */
  async ends(topic: string): Promise<PartitionOffsets> {
    const offsets = await retried(() => this.admin.fetchTopicOffsets(topic))
    return Object.fromEntries(offsets.map((p) => [p.partition, Number(p.high)]))
  }

  /** The offset `groupId` committed in each partition of `topic`; 0 where it committed none (it has read nothing there). */
  async committed(groupId: string, topic: string): Promise<PartitionOffsets> {
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] })
    return Object.fromEntries(committed.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]))
  }

  /** ends() of each of `topics`. */
  async endsByTopic(topics: string[]): Promise<Record<string, PartitionOffsets>> {
    return Object.fromEntries(await Promise.all(topics.map(async (topic) => [topic, await this.ends(topic)] as const)))
  }

  /** committed() of `groupId` in each of `topics`. */
  async committedByTopic(groupId: string, topics: string[]): Promise<Record<string, PartitionOffsets>> {
    return Object.fromEntries(await Promise.all(topics.map(async (topic) => [topic, await this.committed(groupId, topic)] as const)))
  }

  /** The members `groupId` has now (none once every consumer left). */
  async members(groupId: string): Promise<number> {
    const { groups } = await this.admin.describeGroups([groupId])
    return groups[0]?.members.length ?? 0
  }

  /** Every message of `topic` up to its end offsets now, by partition and offset. */
  async messages(topic: string, timeoutMs = 30_000): Promise<StoredMessage[]> {
    const ends = await this.ends(topic)
    const remaining = new Set(Object.keys(ends).map(Number).filter((p) => ends[p] > 0))
    const read: StoredMessage[] = []
    if (remaining.size === 0) return read
    const consumer = this.kafka.consumer({ groupId: `test-inspector-${randomUUID()}`, maxWaitTimeInMs: 100 })
    try {
      await consumer.connect()
      await consumer.subscribe({ topics: [topic], fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read only ${read.length} messages of ${topic} within ${timeoutMs} ms`)), timeoutMs)
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              const offset = Number(message.offset)
              if (offset >= ends[partition]) return
              read.push({ partition, offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headerText(message.headers) })
              if (offset + 1 === ends[partition]) remaining.delete(partition)
              if (remaining.size === 0) {
                clearTimeout(timer)
                resolve()
              }
            },
          })
          .catch(reject)
      })
    } finally {
      await consumer.disconnect()
    }
    return read.sort((a, b) => a.partition - b.partition || a.offset - b.offset)
  }

  async close(): Promise<void> {
    await this.admin.disconnect()
  }
}
