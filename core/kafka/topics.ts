// The Kafka topics of the event families and how an event finds its topic and
// key. The key is the entity id (call, agent, survey, outage, work order,
// supervision order), so the default partitioner sends an entity's events to
// one partition, where they stay in order and are read by one consumer at a
// time.
import type { Admin } from 'kafkajs'
import { entityIdOf, familyOf, type DomainEvent, type EventFamily } from '../../schemas/events.ts'
import type { KafkaConfig } from './kafka-config.ts'

export const FAMILY_TOPICS: Readonly<Record<EventFamily, string>> = {
  calls: 'cc.calls',
  agents: 'cc.agents',
  surveys: 'cc.surveys',
  outages: 'grid.outages',
  workorders: 'ops.workorders',
  // Both ways: the product's orders out, the teams' answers back (DOMAIN.md §1).
  supervision: 'ops.supervision',
}

/** The event topics, with the configured prefix. */
export function eventTopics(prefix: string): string[] {
  return Object.values(FAMILY_TOPICS).map((topic) => prefix + topic)
}

export function topicOf(event: DomainEvent, prefix: string): string {
  return prefix + FAMILY_TOPICS[familyOf(event.type)]
}

export function keyOf(event: DomainEvent): string {
  return entityIdOf(event)
}

const LEADERS_TIMEOUT_MS = 30_000

/**
 * Resolves once the cluster's metadata shows a leader for every partition of
 * `topics`. kafkajs's own `waitForLeaders` only waits out
 * LEADER_NOT_AVAILABLE, but a KRaft broker (every Kafka 4.x, and 3.x
 * without ZooKeeper) learns of a topic from the controller a moment after
 * CreateTopics returns, and meanwhile answers UNKNOWN_TOPIC_OR_PARTITION:
 * kafkajs then fails the creation of a topic that was created
 * (tulios/kafkajs#1563). Every error Kafka calls retriable is waited out here.
 */
async function untilLeadersKnown(admin: Admin, topics: string[], timeoutMs = LEADERS_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let waitingFor: string
    try {
      const metadata = await admin.fetchTopicMetadata({ topics })
      const leaderless = metadata.topics.flatMap((t) => t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`))
      if (leaderless.length === 0) return
      waitingFor = `no leader yet for ${leaderless.join(', ')}`
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable) throw err
      waitingFor = (err as Error).message
    }
    if (Date.now() > deadline) throw new Error(`created topics ${topics.join(', ')} but their partitions had no leader within ${timeoutMs / 1000} s (${waitingFor})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Creates the event topics (and the dead-letter topic) that do not exist yet,
 * and waits until their partitions have leaders, so producing to them can
 * start. Existing topics are left as they are: their partition count is an
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
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: opts.partitions,
        replicationFactor: opts.replicationFactor,
      })),
    })
    await untilLeadersKnown(admin, missing)
  }
  return missing
}
