// The publisher's partitioner (core/kafka/partitioner.ts): keyed messages
// where the Java client and kafkajs put them, keyless ones on a partition
// that does not change between attempts of one request.
import { Partitioners, type PartitionerArgs } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { stablePartitioner } from '../core/kafka/partitioner.ts'

const partitionMetadata = [0, 1, 2, 3, 4, 5].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }))
const args = (message: PartitionerArgs['message']): PartitionerArgs => ({ topic: 't', partitionMetadata, message })

describe('stablePartitioner', () => {
  it('puts a keyed message where the default partitioner does (murmur2 of the key)', () => {
    const stable = stablePartitioner()
    const standard = Partitioners.DefaultPartitioner()
    for (const key of ['C1', 'A-0042', 'W-9', 'entity-with-a-longer-id']) {
      expect(stable(args({ key, value: 'x' }))).toBe(standard(args({ key, value: 'x' })))
    }
  })

  it('puts a keyless message on the same partition every time (round-robin would move it on a retry), spreading different ones', () => {
    const stable = stablePartitioner()
    const values = Array.from({ length: 40 }, (_, i) => `{"refused": ${i}}`)
    const first = values.map((value) => stable(args({ key: null, value })))
    const again = values.map((value) => stable(args({ key: null, value })))
    expect(again).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(3)
    // What it replaces: the default moves a keyless message between calls.
    const standard = Partitioners.DefaultPartitioner()
    expect(standard(args({ key: null, value: values[0] }))).not.toBe(standard(args({ key: null, value: values[0] })))
  })
})
