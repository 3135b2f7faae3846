// `npm run server`: the server alone, as deployed. Storage is the ClickHouse
// server at CLICKHOUSE_URL (or the embedded engine when unset, to try it on
// one machine); events posted to /api/v1/events go to Kafka when
// KAFKA_BROKERS is set, otherwise to an in-process ingest pipeline.
// SIGINT/SIGTERM stop it cleanly: sockets closed, buffered events stored.
import { runServerProcess } from './server-process.ts'

runServerProcess({ name: 'server', simulator: false, kafka: true })
