/**
 * CreateTopics v3. num_partitions -1 means the broker default (or the size of
 * an explicit replica assignment). Any replication factor is accepted and
 * reported as a single replica: code written for a real cluster often asks
 * for 3, and this broker is a test double. Topic configs are ignored.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { ApiKey, type ApiHandler } from './types.ts'

interface TopicRequest {
  name: string
  numPartitions: number
  assignedPartitions: number
}

export const createTopicsHandler: ApiHandler = {
  apiKey: ApiKey.CreateTopics,
  name: 'CreateTopics',
  minVersion: 3,
  maxVersion: 3,
  handle(body, { broker }) {
    const topics = body.array((r): TopicRequest => {
      const name = r.string()
      const numPartitions = r.int32()
      r.int16() // replication_factor
      const assignment = r.array((a) => ({ partition: a.int32(), replicas: a.array((x) => x.int32()) }))
      r.array((c) => ({ name: c.string(), value: c.nullableString() })) // configs: ignored
      return { name, numPartitions, assignedPartitions: assignment.length }
    })
    body.int32() // timeout_ms: creation is immediate
    const validateOnly = body.boolean()

    const counts = new Map<string, number>()
    for (const { name } of topics) counts.set(name, (counts.get(name) ?? 0) + 1)

    const results = topics.map(({ name, numPartitions, assignedPartitions }) => {
      if ((counts.get(name) ?? 0) > 1) {
        return { name, errorCode: ErrorCode.INVALID_REQUEST, message: `duplicate topic ${name}` }
      }
      const partitions =
        numPartitions === -1
          ? assignedPartitions || broker.config.defaultPartitions
          : numPartitions
      return { name, ...broker.createTopic(name, partitions, validateOnly) }
    })

    return new Writer()
      .int32(0) // throttle_time_ms
      .array(results, (w, r) => w.string(r.name).int16(r.errorCode).string(r.message))
  },
}
