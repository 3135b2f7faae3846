// The partitioner of the publisher's idempotent producer. A keyed message
// goes where kafkajs's default puts it (murmur2 of the key, as the Java
// client does); a message without a key (the dead-letter copy of input that
// had none) goes by the same hash of its value, instead of round-robin.
//
// Why: kafkajs partitions a request again on every attempt. When Kafka
// refuses one partition of a produce request (NOT_LEADER_OR_FOLLOWER, as for
// a topic created a moment ago or a leader that just moved), kafkajs retries
// the whole request, and round-robin sends each keyless message to another
// partition than the first time: one already written is written twice, and
// the idempotent producer, which numbers messages per partition and reuses
// the first attempt's numbers, makes the broker drop another as a duplicate
// of what it holds at that number. Seen against Apache Kafka 4.4: a
// dead-letter topic created just before held one refused input twice and
// not the other. A partition chosen from the message itself is the same on
// every attempt, so the retry is deduplicated as it should be. (A producer
// that is not idempotent, such as the ingest's dead-letter producer, may
// write a retried message twice whatever its partition, and loses none.)
import { Partitioners, type ICustomPartitioner } from 'kafkajs'

export const stablePartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner()
  return ({ topic, partitionMetadata, message }) =>
    byKey({ topic, partitionMetadata, message: message.key == null ? { ...message, key: message.value ?? '' } : message })
}
