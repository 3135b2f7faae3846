/**
 * Committed consumer-group offsets, kept by the broker (not per connection),
 * so they survive consumers disconnecting, crashing and restarting.
 */

export interface CommittedOffset {
  offset: number
  metadata: string | null
}

export class OffsetStore {
  /** group -> topic -> partition -> committed offset */
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>()

  commit(groupId: string, topic: string, partition: number, committed: CommittedOffset): void {
    let topics = this.groups.get(groupId)
    if (!topics) {
      topics = new Map()
      this.groups.set(groupId, topics)
    }
    let partitions = topics.get(topic)
    if (!partitions) {
      partitions = new Map()
      topics.set(topic, partitions)
    }
    partitions.set(partition, committed)
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(groupId)?.get(topic)?.get(partition)
  }

  /** Every committed partition of a group, by topic (OffsetFetch with null topics). */
  all(groupId: string): Array<{ topic: string; partitions: number[] }> {
    const topics = this.groups.get(groupId)
    if (!topics) return []
    return [...topics].map(([topic, partitions]) => ({
      topic,
      partitions: [...partitions.keys()].sort((a, b) => a - b),
    }))
  }
}
