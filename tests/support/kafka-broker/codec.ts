/**
 * Kafka wire-protocol primitives: a bounds-checked Reader and a growable
 * Writer for the (non-flexible) encodings kafkajs 2.x uses.
 *
 * Strings are INT16-length prefixed, BYTES are INT32-length prefixed (-1 =
 * null), arrays are INT32-count prefixed (-1 = null) and varints use zig-zag
 * encoding as in the record batch format (magic v2).
 */

/** Thrown when a request cannot be decoded; the server closes the connection. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
}

const INT64_MIN = -(1n << 63n)
const INT64_MAX = (1n << 63n) - 1n

export class Reader {
  private offset = 0

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset
  }

  private need(bytes: number): number {
    if (bytes < 0 || this.offset + bytes > this.buf.length) {
      throw new ProtocolError(
        `truncated input: need ${bytes} byte(s) at ${this.offset}, have ${this.remaining}`,
      )
    }
    const at = this.offset
    this.offset += bytes
    return at
  }

  int8(): number {
    return this.buf.readInt8(this.need(1))
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2))
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4))
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.need(4))
  }

  int64(): bigint {
    return this.buf.readBigInt64BE(this.need(8))
  }

  /** INT64 read as a JS number; offsets and timestamps fit in 2^53. */
  int64Number(): number {
    const value = this.int64()
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ProtocolError(`int64 ${value} does not fit a safe integer`)
    }
    return Number(value)
  }

  boolean(): boolean {
    return this.int8() !== 0
  }

  nullableString(): string | null {
    const length = this.int16()
    if (length === -1) return null
    const at = this.need(length)
    return this.buf.toString('utf8', at, at + length)
  }

  /** A STRING that must not be null. */
  string(): string {
    const value = this.nullableString()
    if (value === null) throw new ProtocolError('unexpected null string')
    return value
  }

  bytes(): Buffer | null {
    const length = this.int32()
    if (length === -1) return null
    const at = this.need(length)
    return this.buf.subarray(at, at + length)
  }

  /** Reads `count` raw bytes without a length prefix. */
  raw(count: number): Buffer {
    const at = this.need(count)
    return this.buf.subarray(at, at + count)
  }

  /** Reads an ARRAY; a null array (-1) is returned as null. */
  nullableArray<T>(read: (reader: Reader) => T): T[] | null {
    const count = this.int32()
    if (count === -1) return null
    if (count < 0 || count > this.remaining) {
      throw new ProtocolError(`invalid array length ${count}`)
    }
    const items: T[] = []
    for (let i = 0; i < count; i++) items.push(read(this))
    return items
  }

  array<T>(read: (reader: Reader) => T): T[] {
    return this.nullableArray(read) ?? []
  }

  varint(): number {
    let result = 0
    let shift = 0
    for (;;) {
      const byte = this.buf.readUInt8(this.need(1))
      result |= (byte & 0x7f) << shift
      if ((byte & 0x80) === 0) break
      shift += 7
      if (shift > 28) throw new ProtocolError('varint too long')
    }
    return (result >>> 1) ^ -(result & 1)
  }

  varlong(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      const byte = this.buf.readUInt8(this.need(1))
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) break
      shift += 7n
      if (shift > 63n) throw new ProtocolError('varlong too long')
    }
    return (result >> 1n) ^ -(result & 1n)
  }

  varintBytes(): Buffer | null {
    const length = this.varint()
    if (length === -1) return null
    return this.raw(length)
  }

  varintString(): string {
    const value = this.varintBytes()
    if (value === null) throw new ProtocolError('unexpected null header key')
    return value.toString('utf8')
  }
}

export class Writer {
  private buf: Buffer
  private length = 0

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize)
  }

  get size(): number {
    return this.length
  }

  /**
   * Makes room for `bytes` and returns where to write them. It may replace
   * `this.buf`, so callers must call it before reading `this.buf`.
   */
  private reserve(bytes: number): number {
    const needed = this.length + bytes
    if (needed > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2))
      this.buf.copy(grown, 0, 0, this.length)
      this.buf = grown
    }
    const at = this.length
    this.length = needed
    return at
  }

  int8(value: number): this {
    const at = this.reserve(1)
    this.buf.writeInt8(value, at)
    return this
  }

  private uint8(value: number): this {
    const at = this.reserve(1)
    this.buf.writeUInt8(value, at)
    return this
  }

  int16(value: number): this {
    const at = this.reserve(2)
    this.buf.writeInt16BE(value, at)
    return this
  }

  int32(value: number): this {
    const at = this.reserve(4)
    this.buf.writeInt32BE(value, at)
    return this
  }

  uint32(value: number): this {
    const at = this.reserve(4)
    this.buf.writeUInt32BE(value, at)
    return this
  }

  int64(value: bigint | number): this {
    const big = typeof value === 'bigint' ? value : BigInt(value)
    if (big < INT64_MIN || big > INT64_MAX) throw new RangeError(`int64 out of range: ${big}`)
    const at = this.reserve(8)
    this.buf.writeBigInt64BE(big, at)
    return this
  }

  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0)
  }

  string(value: string | null): this {
    if (value === null) return this.int16(-1)
    const length = Buffer.byteLength(value)
    this.int16(length)
    const at = this.reserve(length)
    this.buf.write(value, at, 'utf8')
    return this
  }

  bytes(value: Buffer | null): this {
    if (value === null) return this.int32(-1)
    this.int32(value.length)
    return this.raw(value)
  }

  raw(value: Buffer): this {
    const at = this.reserve(value.length)
    value.copy(this.buf, at)
    return this
  }

  array<T>(items: readonly T[], write: (writer: this, item: T, index: number) => void): this {
    this.int32(items.length)
    items.forEach((item, index) => write(this, item, index))
    return this
  }

  /** Writes a signed 32-bit value as a zig-zag varint. */
  varint(value: number): this {
    let zigzag = ((value << 1) ^ (value >> 31)) >>> 0
    while (zigzag > 0x7f) {
      this.uint8((zigzag & 0x7f) | 0x80)
      zigzag >>>= 7
    }
    return this.uint8(zigzag)
  }

  /** Writes a signed 64-bit value as a zig-zag varlong. */
  varlong(value: bigint | number): this {
    const big = BigInt.asIntN(64, typeof value === 'bigint' ? value : BigInt(value))
    let zigzag = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n))
    while (zigzag > 0x7fn) {
      this.uint8(Number(zigzag & 0x7fn) | 0x80)
      zigzag >>= 7n
    }
    return this.uint8(Number(zigzag))
  }

  varintBytes(value: Buffer | null): this {
    if (value === null) return this.varint(-1)
    this.varint(value.length)
    return this.raw(value)
  }

  varintString(value: string): this {
    return this.varintBytes(Buffer.from(value, 'utf8'))
  }

  /** A copy of the written bytes. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length))
  }
}
