// Two ingest members sharing a group's partitions, one leaving, against
// Apache Kafka 3.9, the last 3.x line: the same suite as kafka-rebalance.test.ts.
import { describeRebalance } from './support/kafka-rebalance-suite.ts'
import { KAFKA_3_VERSION } from './support/kafka-real/versions.ts'

describeRebalance(KAFKA_3_VERSION)
