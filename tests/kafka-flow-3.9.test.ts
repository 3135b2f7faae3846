// The Kafka path over the wire against Apache Kafka 3.9, the last 3.x line,
// which many deployments still run: the same suite as kafka-flow.test.ts.
import { describeKafkaFlow } from './support/kafka-flow-suite.ts'
import { KAFKA_3_VERSION } from './support/kafka-real/versions.ts'

describeKafkaFlow(KAFKA_3_VERSION)
