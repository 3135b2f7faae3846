/**
 * ListOffsets v3: timestamp -1 is the latest offset (high watermark), -2 the
 * earliest (log start); any other timestamp finds the first record at or
 * after it, or offset -1 when there is none.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import type { BrokerState } from '../broker-state.ts'
import { ApiKey, type ApiHandler } from './types.ts'

const LATEST = -1
const EARLIEST = -2

function lookup(broker: BrokerState, topic: string, partition: number, timestamp: number) {
  const log = broker.topics.partition(topic, partition)
  if (!log) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 }
  const found = (offset: number, at = -1) => ({ errorCode: ErrorCode.NONE, timestamp: at, offset })
  if (timestamp === LATEST) return found(log.highWatermark)
  if (timestamp === EARLIEST) return found(log.logStartOffset)
  const record = log.firstAtOrAfter(timestamp)
  return record ? found(record.offset, record.timestamp) : found(-1)
}

export const listOffsetsHandler: ApiHandler = {
  apiKey: ApiKey.ListOffsets,
  name: 'ListOffsets',
  minVersion: 3,
  maxVersion: 3,
  handle(body, { broker }) {
    body.int32() // replica_id
    body.int8() // isolation_level
    const topics = body.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => ({ partition: p.int32(), timestamp: p.int64Number() })),
    }))
    return new Writer()
      .int32(0) // throttle_time_ms
      .array(topics, (w, topic) =>
        w.string(topic.name).array(topic.partitions, (pw, { partition, timestamp }) => {
          const result = lookup(broker, topic.name, partition, timestamp)
          pw.int32(partition).int16(result.errorCode).int64(result.timestamp).int64(result.offset)
        }),
      )
  },
}
