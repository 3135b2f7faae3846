// The Kafka path over the wire against Apache Kafka's current line
// (KAFKA_VERSION, the version docker-compose.yml runs): see the suite.
import { describeKafkaFlow } from './support/kafka-flow-suite.ts'
import { KAFKA_VERSION } from './support/kafka-real/versions.ts'

describeKafkaFlow(KAFKA_VERSION)
