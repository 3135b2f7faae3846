// ensureTopics against a scripted admin client. Against a real KRaft broker
// the race it must survive (Metadata answering UNKNOWN_TOPIC_OR_PARTITION
// for a moment after CreateTopics) shows up only now and then; here it
// happens every time, and so does an error that must not be waited out.
import type { Admin, ITopicMetadata } from 'kafkajs'
import { KafkaJSProtocolError } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { ensureTopics } from '../core/kafka/topics.ts'
import { testKafkaConfig } from './support/kafka-ingest-fixtures.ts'

const unknownTopic = () =>
  new KafkaJSProtocolError(Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, retriable: true }))

/** An admin with no topics whose metadata answers come from `answers`, one per call (the last one repeats). */
function scriptedAdmin(answers: Array<Error | number>) {
  const calls = { created: [] as string[], metadata: 0 }
  const admin = {
    listTopics: async () => [],
    createTopics: async ({ topics }: { topics: Array<{ topic: string }> }) => {
      calls.created.push(...topics.map((t) => t.topic))
      return true
    },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }): Promise<{ topics: ITopicMetadata[] }> => {
      const answer = answers[Math.min(calls.metadata++, answers.length - 1)]
      if (answer instanceof Error) throw answer
      // A number: the leader every partition reports (-1: none yet).
      return { topics: topics.map((name) => ({ name, partitions: [0, 1, 2].map((partitionId) => ({ partitionId, leader: answer, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] })) })) }
    },
  }
  return { admin: admin as unknown as Admin, calls }
}

const config = testKafkaConfig('127.0.0.1:9092', { topicPrefix: 't.', dlqTopic: 't.dead-letters' })
const topics = { partitions: 3, replicationFactor: -1 }

describe('ensureTopics', () => {
  it('creates the missing topics and returns once every partition has a leader, waiting out a broker that does not know them yet', async () => {
    const { admin, calls } = scriptedAdmin([unknownTopic(), unknownTopic(), -1, 1])
    const created = await ensureTopics(admin, config, topics)
    expect(created).toEqual(['t.cc.calls', 't.cc.agents', 't.cc.surveys', 't.grid.outages', 't.ops.workorders', 't.ops.supervision', 't.dead-letters'])
    expect(calls.created).toEqual(created)
    expect(calls.metadata).toBe(4)
  })

  it('fails at once on an error Kafka does not call retriable', async () => {
    const denied = new KafkaJSProtocolError(Object.assign(new Error('Not authorized to access topics: [Topic authorization failed.]'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false }))
    const { admin, calls } = scriptedAdmin([denied])
    await expect(ensureTopics(admin, config, topics)).rejects.toThrow(/Not authorized/)
    expect(calls.metadata).toBe(1)
  })
})
