// Pausing and resuming a consumer's fetches as one switch over all its
// topics. While ClickHouse cannot take inserts the pipeline keeps its batch
// and retries; pausing stops new fetches piling more into its buffer, and
// the partitions resume from their last stored offset once inserts succeed.
import type { Consumer } from 'kafkajs'
import type { KafkaLogger } from '../../core/kafka/kafka-client.ts'

export class ConsumptionGate {
  private pausedSince: number | null = null
  pausesTotal = 0

  constructor(
    private readonly consumer: Consumer,
    private readonly topics: string[],
    private readonly logger: KafkaLogger,
    private readonly now: () => number = Date.now,
  ) {}

  get paused(): boolean {
    return this.pausedSince !== null
  }

  pause(reason: string): void {
    if (this.pausedSince !== null) return
    this.consumer.pause(this.topics.map((topic) => ({ topic })))
    this.pausedSince = this.now()
    this.pausesTotal += 1
    this.logger.warn({ reason }, 'kafka: pausing consumption until ClickHouse takes inserts again')
  }

  resume(): void {
    if (this.pausedSince === null) return
    const pausedMs = this.now() - this.pausedSince
    this.pausedSince = null
    this.consumer.resume(this.topics.map((topic) => ({ topic })))
    this.logger.info({ paused_ms: pausedMs }, 'kafka: inserts succeed again, consumption resumed')
  }
}
