/**
 * In-memory topic/partition storage. Offsets start at 0 and nothing is ever
 * deleted, so the log start offset is always 0 and the high watermark is the
 * record count (single replica: every appended record is committed).
 */
import {
  estimateRecordSize,
  type ProducedRecord,
  type StoredRecord,
} from './record-batch.ts'

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/

/** Returns why a topic name is invalid, or null when Kafka would accept it. */
export function invalidTopicNameReason(name: string): string | null {
  if (name === '.' || name === '..') return `topic name cannot be "${name}"`
  if (!LEGAL_TOPIC_NAME.test(name)) {
    return `topic name "${name}" must be 1-249 characters of [a-zA-Z0-9._-]`
  }
  return null
}

export class PartitionLog {
  private readonly records: StoredRecord[] = []
  private readonly sizes: number[] = []

  readonly logStartOffset = 0

  get highWatermark(): number {
    return this.records.length
  }

  /** Appends records and returns the offset of the first one. */
  append(records: readonly ProducedRecord[]): number {
    const baseOffset = this.records.length
    records.forEach((record, index) => {
      this.records.push({ ...record, offset: baseOffset + index })
      this.sizes.push(estimateRecordSize(record))
    })
    return baseOffset
  }

  /**
   * Records from `fromOffset` until about `maxBytes`; at least one record if
   * any exists, so a record bigger than the limit still makes progress.
   */
  read(fromOffset: number, maxBytes: number): StoredRecord[] {
    const out: StoredRecord[] = []
    let bytes = 0
    for (let offset = fromOffset; offset < this.records.length; offset++) {
      bytes += this.sizes[offset]
      if (out.length > 0 && bytes > maxBytes) break
      out.push(this.records[offset])
    }
    return out
  }

  /** First record with a timestamp >= `timestamp` (ListOffsets by time). */
  firstAtOrAfter(timestamp: number): StoredRecord | undefined {
    return this.records.find((record) => record.timestamp >= timestamp)
  }

  all(): readonly StoredRecord[] {
    return this.records
  }
}

export class Topic {
  readonly partitions: PartitionLog[]

  constructor(
    readonly name: string,
    partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionLog())
  }
}

interface AppendWaiter {
  keys: ReadonlySet<string>
  wake: () => void
}

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`

export class TopicStore {
  private readonly topics = new Map<string, Topic>()
  private readonly waiters = new Set<AppendWaiter>()

  get(name: string): Topic | undefined {
    return this.topics.get(name)
  }

  list(): Topic[] {
    return [...this.topics.values()]
  }

  /** Creates a topic; the caller has checked the name and that it is new. */
  create(name: string, partitionCount: number): Topic {
    const topic = new Topic(name, partitionCount)
    this.topics.set(name, topic)
    return topic
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition]
  }

  append(topic: string, partition: number, records: readonly ProducedRecord[]): number {
    const log = this.partition(topic, partition)
    if (!log) throw new Error(`unknown partition ${topic}/${partition}`)
    const baseOffset = log.append(records)
    const key = partitionKey(topic, partition)
    for (const waiter of this.waiters) if (waiter.keys.has(key)) waiter.wake()
    return baseOffset
  }

  /**
   * Resolves when one of the partitions gets new records, after `timeoutMs`,
   * or when `signal` aborts (client gone or broker stopping), whichever first.
   */
  waitForAppend(
    partitions: ReadonlyArray<{ topic: string; partition: number }>,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || timeoutMs <= 0) {
        resolve()
        return
      }
      const waiter: AppendWaiter = {
        keys: new Set(partitions.map(({ topic, partition }) => partitionKey(topic, partition))),
        wake: () => {
          clearTimeout(timer)
          signal.removeEventListener('abort', waiter.wake)
          this.waiters.delete(waiter)
          resolve()
        },
      }
      const timer = setTimeout(waiter.wake, timeoutMs)
      signal.addEventListener('abort', waiter.wake, { once: true })
      this.waiters.add(waiter)
    })
  }
}
