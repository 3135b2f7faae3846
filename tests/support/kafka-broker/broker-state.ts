/**
 * Everything the API handlers share: this broker's identity and address,
 * the topic store, committed offsets and the group coordinator.
 */
import { ErrorCode } from './errors.ts'
import { GroupCoordinator } from './group-coordinator.ts'
import { invalidTopicNameReason, TopicStore, type Topic } from './log.ts'
import { OffsetStore } from './offset-store.ts'

export interface BrokerConfig {
  /** Host clients are told to connect to (Metadata, FindCoordinator). */
  advertisedHost: string
  port: number
  autoCreateTopics: boolean
  defaultPartitions: number
  log: (message: string) => void
}

export interface TopicCreation {
  errorCode: ErrorCode
  message: string | null
}

export const MAX_PARTITIONS = 10_000

export class BrokerState {
  readonly nodeId = 0
  readonly clusterId = 'in-memory-test-cluster'
  readonly topics = new TopicStore()
  readonly offsets = new OffsetStore()
  readonly groups: GroupCoordinator

  constructor(readonly config: BrokerConfig) {
    this.groups = new GroupCoordinator(config.log)
  }

  /** Validates and (unless `validateOnly`) creates a topic. */
  createTopic(name: string, partitions: number, validateOnly = false): TopicCreation {
    const invalid = invalidTopicNameReason(name)
    if (invalid) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: invalid }
    if (this.topics.get(name)) {
      return { errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, message: `Topic '${name}' already exists.` }
    }
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      return {
        errorCode: ErrorCode.INVALID_PARTITIONS,
        message: `number of partitions must be 1..${MAX_PARTITIONS}, got ${partitions}`,
      }
    }
    if (!validateOnly) {
      this.topics.create(name, partitions)
      this.config.log(`created topic ${name} with ${partitions} partition(s)`)
    }
    return { errorCode: ErrorCode.NONE, message: null }
  }

  /** The topic, auto-created with the default partition count when allowed. */
  topicOrAutoCreate(name: string, allowAutoCreate = true): Topic | undefined {
    const existing = this.topics.get(name)
    if (existing || !allowAutoCreate || !this.config.autoCreateTopics) return existing
    const created = this.createTopic(name, this.config.defaultPartitions)
    return created.errorCode === ErrorCode.NONE ? this.topics.get(name) : undefined
  }
}
