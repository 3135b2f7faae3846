/**
 * OffsetCommit v5 and OffsetFetch v4: committed offsets live in the broker's
 * OffsetStore, so they outlive consumer connections. Commits are checked
 * against the group generation like Kafka does (ILLEGAL_GENERATION,
 * UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS while awaiting the assignment).
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { ApiKey, type ApiHandler } from './types.ts'

export const offsetCommitHandler: ApiHandler = {
  apiKey: ApiKey.OffsetCommit,
  name: 'OffsetCommit',
  minVersion: 5,
  maxVersion: 5,
  handle(body, { broker }) {
    const groupId = body.string()
    const generationId = body.int32()
    const memberId = body.string()
    const topics = body.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => ({
        partition: p.int32(),
        offset: p.int64Number(),
        metadata: p.nullableString(),
      })),
    }))

    const groupError = groupId
      ? broker.groups.checkCommit(groupId, generationId, memberId)
      : ErrorCode.INVALID_GROUP_ID
    const commit = (topic: string, partition: number, offset: number, metadata: string | null) => {
      if (groupError !== ErrorCode.NONE) return groupError
      if (!broker.topics.partition(topic, partition)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
      broker.offsets.commit(groupId, topic, partition, { offset, metadata })
      return ErrorCode.NONE
    }

    return new Writer()
      .int32(0) // throttle_time_ms
      .array(topics, (w, topic) =>
        w.string(topic.name).array(topic.partitions, (pw, p) =>
          pw.int32(p.partition).int16(commit(topic.name, p.partition, p.offset, p.metadata)),
        ),
      )
  },
}

export const offsetFetchHandler: ApiHandler = {
  apiKey: ApiKey.OffsetFetch,
  name: 'OffsetFetch',
  minVersion: 4,
  maxVersion: 4,
  handle(body, { broker }) {
    const groupId = body.string()
    const requested = body.nullableArray((r) => ({
      topic: r.string(),
      partitions: r.array((p) => p.int32()),
    }))
    // A null topic list asks for every offset the group has committed.
    const topics = requested ?? broker.offsets.all(groupId)

    return new Writer()
      .int32(0) // throttle_time_ms
      .array(topics, (w, { topic, partitions }) =>
        w.string(topic).array(partitions, (pw, partition) => {
          const committed = broker.offsets.get(groupId, topic, partition)
          pw.int32(partition)
            .int64(committed?.offset ?? -1)
            .string(committed ? committed.metadata : '')
            .int16(ErrorCode.NONE)
        }),
      )
      .int16(ErrorCode.NONE)
  },
}
