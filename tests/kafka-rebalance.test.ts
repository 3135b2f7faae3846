// Two ingest members sharing a group's partitions, one leaving, against
// Apache Kafka's current line (KAFKA_VERSION): see the suite.
import { describeRebalance } from './support/kafka-rebalance-suite.ts'
import { KAFKA_VERSION } from './support/kafka-real/versions.ts'

describeRebalance(KAFKA_VERSION)
