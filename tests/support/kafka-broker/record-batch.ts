/**
 * Record batch (magic v2) decoding for Produce and encoding for Fetch.
 *
 * Produced batches are validated (magic, CRC-32C, record count) and turned
 * into plain records; the log assigns offsets. Fetch responses re-encode the
 * stored records as one uncompressed batch per partition. GZIP-compressed
 * produce batches are accepted; Snappy, LZ4 and ZSTD are rejected with
 * UNSUPPORTED_COMPRESSION_TYPE (kafkajs needs third-party codecs for them).
 */
import { gunzipSync } from 'node:zlib'
import { Reader, Writer, ProtocolError } from './codec.ts'
import { crc32c } from './crc32c.ts'
import { ErrorCode } from './errors.ts'

export interface RecordHeader {
  key: string
  value: Buffer | null
}

/** A record as produced, before the log assigns it an offset. */
export interface ProducedRecord {
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: RecordHeader[]
}

/** A record stored in a partition log. */
export interface StoredRecord extends ProducedRecord {
  offset: number
}

/** A produce batch the broker refuses, with the error code to report. */
export class RecordBatchError extends Error {
  override readonly name = 'RecordBatchError'
  constructor(
    readonly errorCode: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const MAGIC_V2 = 2
const COMPRESSION_MASK = 0x07
const GZIP = 1
const CONTROL_FLAG = 0x20
/** baseOffset(8) + batchLength(4): the part of a batch not counted in batchLength. */
const LOG_OVERHEAD = 12
/** Bytes from partitionLeaderEpoch through recordCount. */
const BATCH_HEADER_AFTER_LENGTH = 49

function decodeRecord(reader: Reader, firstTimestamp: bigint): ProducedRecord {
  const length = reader.varint()
  const body = new Reader(reader.raw(length))
  body.int8() // record attributes: unused by the protocol
  const timestamp = Number(firstTimestamp + body.varlong())
  body.varint() // offset delta: the broker assigns offsets by position
  const key = body.varintBytes()
  const value = body.varintBytes()
  const headerCount = body.varint()
  const headers: RecordHeader[] = []
  for (let i = 0; i < headerCount; i++) {
    headers.push({ key: body.varintString(), value: body.varintBytes() })
  }
  return { timestamp, key, value, headers }
}

function decodeBatch(batch: Buffer): ProducedRecord[] {
  const reader = new Reader(batch)
  reader.int32() // partition leader epoch
  const magic = reader.int8()
  if (magic !== MAGIC_V2) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `unsupported magic byte ${magic}`)
  }
  const crc = reader.uint32()
  const expectedCrc = crc32c(batch.subarray(9))
  if (crc !== expectedCrc) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, 'record batch CRC mismatch')
  }
  const attributes = reader.int16()
  const lastOffsetDelta = reader.int32()
  const firstTimestamp = reader.int64()
  reader.int64() // max timestamp
  reader.int64() // producer id
  reader.int16() // producer epoch
  reader.int32() // base sequence
  const count = reader.int32()
  if ((attributes & CONTROL_FLAG) !== 0) {
    throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, 'control batches are not accepted')
  }
  if (count < 0 || count !== lastOffsetDelta + 1) {
    throw new RecordBatchError(
      ErrorCode.CORRUPT_MESSAGE,
      `record count ${count} does not match last offset delta ${lastOffsetDelta}`,
    )
  }

  const codec = attributes & COMPRESSION_MASK
  let records: Reader
  if (codec === 0) {
    records = reader
  } else if (codec === GZIP) {
    records = new Reader(gunzipSync(reader.raw(reader.remaining)))
  } else {
    throw new RecordBatchError(
      ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
      `compression codec ${codec} is not supported (only none and gzip)`,
    )
  }

  const decoded: ProducedRecord[] = []
  for (let i = 0; i < count; i++) decoded.push(decodeRecord(records, firstTimestamp))
  return decoded
}

/** Decodes the RECORDS field of a produce request (one or more batches). */
export function decodeRecordSet(recordSet: Buffer): ProducedRecord[] {
  const reader = new Reader(recordSet)
  const records: ProducedRecord[] = []
  try {
    while (reader.remaining > 0) {
      if (reader.remaining < LOG_OVERHEAD + BATCH_HEADER_AFTER_LENGTH) {
        throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, 'truncated record batch header')
      }
      reader.int64() // base offset: assigned by the broker
      const batchLength = reader.int32()
      if (batchLength < BATCH_HEADER_AFTER_LENGTH || batchLength > reader.remaining) {
        throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `bad batch length ${batchLength}`)
      }
      records.push(...decodeBatch(reader.raw(batchLength)))
    }
  } catch (error) {
    if (error instanceof ProtocolError) {
      throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, error.message)
    }
    if (error instanceof Error && 'errno' in error) {
      // zlib failure: the compressed payload is not valid gzip
      throw new RecordBatchError(ErrorCode.CORRUPT_MESSAGE, `gzip: ${error.message}`)
    }
    throw error
  }
  return records
}

/** Encoded size of a record's variable parts; used to honour fetch byte limits. */
export function estimateRecordSize(record: ProducedRecord): number {
  let size = 16 + (record.key?.length ?? 0) + (record.value?.length ?? 0)
  for (const header of record.headers) {
    size += 4 + Buffer.byteLength(header.key) + (header.value?.length ?? 0)
  }
  return size
}

function encodeRecord(record: StoredRecord, baseOffset: number, firstTimestamp: number): Buffer {
  const body = new Writer(64)
    .int8(0)
    .varlong(record.timestamp - firstTimestamp)
    .varint(record.offset - baseOffset)
    .varintBytes(record.key)
    .varintBytes(record.value)
    .varint(record.headers.length)
  for (const header of record.headers) body.varintString(header.key).varintBytes(header.value)
  const encoded = body.toBuffer()
  return new Writer(encoded.length + 5).varint(encoded.length).raw(encoded).toBuffer()
}

/**
 * Encodes consecutive stored records as one uncompressed record batch
 * (CreateTime timestamps, no producer id), as a Fetch response carries it.
 */
export function encodeRecordBatch(records: readonly StoredRecord[]): Buffer {
  if (records.length === 0) return Buffer.alloc(0)
  const baseOffset = records[0].offset
  const firstTimestamp = records[0].timestamp
  const maxTimestamp = Math.max(...records.map((record) => record.timestamp))

  const body = new Writer(1024)
    .int16(0) // attributes: no compression, CreateTime, not transactional
    .int32(records[records.length - 1].offset - baseOffset)
    .int64(firstTimestamp)
    .int64(maxTimestamp)
    .int64(-1) // producer id
    .int16(-1) // producer epoch
    .int32(-1) // base sequence
    .int32(records.length)
  for (const record of records) body.raw(encodeRecord(record, baseOffset, firstTimestamp))
  const bodyBytes = body.toBuffer()

  const afterLength = new Writer(bodyBytes.length + 9)
    .int32(0) // partition leader epoch
    .int8(MAGIC_V2)
    .uint32(crc32c(bodyBytes))
    .raw(bodyBytes)
    .toBuffer()
  return new Writer(afterLength.length + LOG_OVERHEAD)
    .int64(baseOffset)
    .int32(afterLength.length)
    .raw(afterLength)
    .toBuffer()
}
