/**
 * Fetch v11 with long polling: answers as soon as min_bytes of records are
 * available (or a partition has an error), otherwise when max_wait_ms ends.
 * Offsets outside [log start, high watermark] get OFFSET_OUT_OF_RANGE.
 * Fetch sessions (KIP-227) are not implemented: every fetch is a full fetch
 * and session_id 0 is returned, which kafkajs (session_id 0, epoch -1) expects.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { encodeRecordBatch } from '../record-batch.ts'
import type { BrokerState } from '../broker-state.ts'
import { ApiKey, type ApiHandler } from './types.ts'

interface PartitionRequest {
  partition: number
  fetchOffset: number
  maxBytes: number
}

interface PartitionResponse {
  partition: number
  errorCode: ErrorCode
  highWatermark: number
  logStartOffset: number
  records: Buffer
}

interface TopicResponse {
  name: string
  partitions: PartitionResponse[]
}

function collect(
  broker: BrokerState,
  topics: ReadonlyArray<{ name: string; partitions: PartitionRequest[] }>,
  maxBytes: number,
): { responses: TopicResponse[]; bytes: number; hasError: boolean } {
  let bytes = 0
  let hasError = false
  const responses = topics.map(({ name, partitions }) => ({
    name,
    partitions: partitions.map(({ partition, fetchOffset, maxBytes: partitionMaxBytes }) => {
      const log = broker.topics.partition(name, partition)
      const response = (errorCode: ErrorCode, records: Buffer = Buffer.alloc(0)): PartitionResponse => {
        if (errorCode !== ErrorCode.NONE) hasError = true
        return {
          partition,
          errorCode,
          highWatermark: log?.highWatermark ?? -1,
          logStartOffset: log?.logStartOffset ?? -1,
          records,
        }
      }
      if (!log) return response(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
      if (fetchOffset < log.logStartOffset || fetchOffset > log.highWatermark) {
        return response(ErrorCode.OFFSET_OUT_OF_RANGE)
      }
      const budget = Math.min(partitionMaxBytes, maxBytes - bytes)
      // Like Kafka (KIP-74), the first records are returned even if they exceed
      // the limits, so that a large record cannot block a consumer forever.
      if (budget <= 0 && bytes > 0) return response(ErrorCode.NONE)
      const records = encodeRecordBatch(log.read(fetchOffset, budget))
      bytes += records.length
      return response(ErrorCode.NONE, records)
    }),
  }))
  return { responses, bytes, hasError }
}

export const fetchHandler: ApiHandler = {
  apiKey: ApiKey.Fetch,
  name: 'Fetch',
  minVersion: 11,
  maxVersion: 11,
  async handle(body, { broker, signal }) {
    body.int32() // replica_id
    const maxWaitMs = body.int32()
    const minBytes = body.int32()
    const maxBytes = body.int32()
    body.int8() // isolation_level: no transactions, so both levels read the same
    body.int32() // session_id
    body.int32() // session_epoch
    const topics = body.array((r) => {
      const name = r.string()
      const partitions = r.array((p): PartitionRequest => {
        const partition = p.int32()
        p.int32() // current_leader_epoch
        const fetchOffset = p.int64Number()
        p.int64() // log_start_offset (follower only)
        return { partition, fetchOffset, maxBytes: p.int32() }
      })
      return { name, partitions }
    })
    body.array((r) => ({ name: r.string(), partitions: r.array((p) => p.int32()) })) // forgotten
    body.nullableString() // rack_id

    const watched = topics.flatMap(({ name, partitions }) =>
      partitions.map(({ partition }) => ({ topic: name, partition })),
    )
    const deadline = Date.now() + maxWaitMs
    let result = collect(broker, topics, maxBytes)
    while (!result.hasError && result.bytes < minBytes && Date.now() < deadline && !signal.aborted) {
      await broker.topics.waitForAppend(watched, deadline - Date.now(), signal)
      result = collect(broker, topics, maxBytes)
    }

    return new Writer(1024 + result.bytes)
      .int32(0) // throttle_time_ms
      .int16(ErrorCode.NONE)
      .int32(0) // session_id
      .array(result.responses, (w, topic) =>
        w.string(topic.name).array(topic.partitions, (pw, p) =>
          pw
            .int32(p.partition)
            .int16(p.errorCode)
            .int64(p.highWatermark)
            .int64(p.highWatermark) // last_stable_offset
            .int64(p.logStartOffset)
            .array([], () => undefined) // aborted_transactions
            .int32(-1) // preferred_read_replica
            .bytes(p.records),
        ),
      )
  },
}
