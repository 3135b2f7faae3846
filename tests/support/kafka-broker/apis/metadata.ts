/**
 * Metadata v6: this single broker (node 0) is the controller and the leader
 * and only replica of every partition. Requested topics that do not exist
 * are auto-created when both the broker and the request allow it.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { invalidTopicNameReason, type Topic } from '../log.ts'
import { ApiKey, type ApiHandler } from './types.ts'

export const metadataHandler: ApiHandler = {
  apiKey: ApiKey.Metadata,
  name: 'Metadata',
  minVersion: 6,
  maxVersion: 6,
  handle(body, { broker }) {
    const requested = body.nullableArray((r) => r.string())
    const allowAutoCreate = body.boolean()

    const results: Array<{ name: string; topic: Topic | undefined }> =
      requested === null
        ? broker.topics.list().map((topic) => ({ name: topic.name, topic }))
        : requested.map((name) => ({ name, topic: broker.topicOrAutoCreate(name, allowAutoCreate) }))

    const { nodeId } = broker
    const out = new Writer()
      .int32(0) // throttle_time_ms
      .array([nodeId], (w, id) =>
        w.int32(id).string(broker.config.advertisedHost).int32(broker.config.port).string(null),
      )
      .string(broker.clusterId)
      .int32(nodeId) // controller_id
    out.array(results, (w, { name, topic }) => {
      const errorCode = topic
        ? ErrorCode.NONE
        : invalidTopicNameReason(name)
          ? ErrorCode.INVALID_TOPIC_EXCEPTION
          : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
      w.int16(errorCode)
        .string(name)
        .boolean(false) // is_internal
        .array(topic?.partitions ?? [], (pw, _log, index) => {
          pw.int16(ErrorCode.NONE)
            .int32(index)
            .int32(nodeId) // leader
            .array([nodeId], (rw, id) => rw.int32(id)) // replicas
            .array([nodeId], (rw, id) => rw.int32(id)) // isr
            .array([], (rw, id: number) => rw.int32(id)) // offline_replicas
        })
    })
    return out
  },
}
