// The Kafka topics of the event families and how an event finds its topic and
// key. The key is the entity id (call, agent, survey, outage, work order), so
// the default partitioner sends an entity's events to one partition, where
// they stay in order and are read by one consumer at a time.
import type { Admin } from 'kafkajs'
import { entityIdOf, familyOf, type DomainEvent, type EventFamily } from '../../schemas/events.ts'
import type { KafkaConfig } from './kafka-config.ts'

export const FAMILY_TOPICS: Readonly<Record<EventFamily, string>> = {
  calls: 'cc.calls',
  agents: 'cc.agents',
  surveys: 'cc.surveys',
  outages: 'grid.outages',
  workorders: 'ops.workorders',
}

/** The five event topics, with the configured prefix. */
export function eventTopics(prefix: string): string[] {
  return Object.values(FAMILY_TOPICS).map((topic) => prefix + topic)
}

export function topicOf(event: DomainEvent, prefix: string): string {
  return prefix + FAMILY_TOPICS[familyOf(event.type)]
}

export function keyOf(event: DomainEvent): string {
  return entityIdOf(event)
}

/**
 * Creates the event topics (and the dead-letter topic) that do not exist yet.
 * Existing topics are left as they are: their partition count is an
 * operator's decision, and changing it would move keys between partitions.
 */
export async function ensureTopics(
  admin: Admin,
  config: KafkaConfig,
  opts: { partitions: number; replicationFactor: number },
): Promise<string[]> {
  const wanted = eventTopics(config.topicPrefix)
  if (config.dlqTopic) wanted.push(config.dlqTopic)
  const existing = new Set(await admin.listTopics())
  const missing = wanted.filter((topic) => !existing.has(topic))
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: opts.partitions,
        replicationFactor: opts.replicationFactor,
      })),
    })
  }
  return missing
}
