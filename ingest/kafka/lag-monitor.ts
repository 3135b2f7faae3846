// Consumer lag per partition: the partition's end offset minus the group's
// committed offset, i.e. messages whose events are not yet known to be in
// ClickHouse. Read from the brokers with the admin client and cached for a
// few seconds, so frequent scrapes cost at most one round of requests.
import type { Admin } from 'kafkajs'

export interface PartitionLag {
  topic: string
  partition: number
  /** Next offset to be written. */
  end: number
  /** Next offset the group will read; the log start when nothing is committed yet. */
  committed: number
  lag: number
}

export class LagMonitor {
  private cached: { at: number; lags: PartitionLag[] } | null = null
  private inFlight: Promise<PartitionLag[]> | null = null

  constructor(
    private readonly admin: Admin,
    private readonly groupId: string,
    private readonly topics: string[],
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The lag of every partition of the topics, at most cacheMs old. */
  async lags(): Promise<PartitionLag[]> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return this.cached.lags
    this.inFlight ??= this.read().finally(() => (this.inFlight = null))
    return this.inFlight
  }

  private async read(): Promise<PartitionLag[]> {
    const committed = await this.admin.fetchOffsets({ groupId: this.groupId, topics: this.topics })
    const lags: PartitionLag[] = []
    for (const topic of this.topics) {
      const ends = await this.admin.fetchTopicOffsets(topic)
      const topicCommitted = committed.find((c) => c.topic === topic)?.partitions ?? []
      for (const end of ends) {
        const low = Number(end.low)
        const high = Number(end.high)
        const offset = Number(topicCommitted.find((p) => p.partition === end.partition)?.offset ?? -1)
        const next = offset >= 0 ? offset : low
        lags.push({ topic, partition: end.partition, end: high, committed: next, lag: Math.max(0, high - next) })
      }
    }
    lags.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
    this.cached = { at: this.now(), lags }
    return lags
  }
}
