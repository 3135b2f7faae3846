/**
 * Produce v7: appends record batches (magic v2; uncompressed or GZIP) to the
 * partition logs. acks=0 requests get no response, as in Kafka. Transactional
 * and idempotent producing are not supported (InitProducerId is not offered).
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { decodeRecordSet, RecordBatchError } from '../record-batch.ts'
import type { BrokerState } from '../broker-state.ts'
import { invalidTopicNameReason } from '../log.ts'
import { ApiKey, type ApiHandler } from './types.ts'

interface PartitionResult {
  partition: number
  errorCode: ErrorCode
  baseOffset: number
}

function appendPartition(
  broker: BrokerState,
  topicName: string,
  partition: number,
  recordSet: Buffer | null,
  acks: number,
): PartitionResult {
  const fail = (errorCode: ErrorCode): PartitionResult => ({ partition, errorCode, baseOffset: -1 })
  if (acks !== 0 && acks !== 1 && acks !== -1) return fail(ErrorCode.INVALID_REQUIRED_ACKS)
  if (invalidTopicNameReason(topicName)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION)
  const topic = broker.topicOrAutoCreate(topicName)
  if (!topic || !topic.partitions[partition]) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  try {
    const records = decodeRecordSet(recordSet ?? Buffer.alloc(0))
    if (records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE)
    const baseOffset = broker.topics.append(topicName, partition, records)
    return { partition, errorCode: ErrorCode.NONE, baseOffset }
  } catch (error) {
    if (!(error instanceof RecordBatchError)) throw error
    broker.config.log(`produce to ${topicName}/${partition} rejected: ${error.message}`)
    return fail(error.errorCode)
  }
}

export const produceHandler: ApiHandler = {
  apiKey: ApiKey.Produce,
  name: 'Produce',
  minVersion: 7,
  maxVersion: 7,
  handle(body, { broker }) {
    body.nullableString() // transactional_id
    const acks = body.int16()
    body.int32() // timeout_ms: appends are immediate
    const topics = body.array((r) => {
      const name = r.string()
      const partitions = r.array((p) => ({ partition: p.int32(), records: p.bytes() }))
      return { name, partitions }
    })

    const results = topics.map(({ name, partitions }) => ({
      name,
      partitions: partitions.map(({ partition, records }) =>
        appendPartition(broker, name, partition, records, acks),
      ),
    }))
    if (acks === 0) return null

    return new Writer()
      .array(results, (w, topic) =>
        w.string(topic.name).array(topic.partitions, (pw, p) =>
          pw
            .int32(p.partition)
            .int16(p.errorCode)
            .int64(p.baseOffset)
            .int64(-1) // log_append_time: CreateTime topics report -1
            .int64(0), // log_start_offset
        ),
      )
      .int32(0) // throttle_time_ms
  },
}
