// The Apache Kafka releases the tests run against. KAFKA_VERSION is the
// current line, the default of the harness and `npm run kafka:local`, and
// the apache/kafka image docker-compose.yml pins (tests/compose.test.ts
// checks that they agree). KAFKA_3_VERSION is the last 3.x release: the
// last line that still serves the protocol versions Kafka 4.0 removed
// (KIP-896), which is what many deployments run today.
export const KAFKA_VERSION = '4.4.0'
export const KAFKA_3_VERSION = '3.9.2'
