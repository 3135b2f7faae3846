// `npm start`: the embedded all-in-one. One process hosts the embedded
// ClickHouse (chDB binds one data directory per process), the ingest
// pipeline, the simulator and the server, composed from the same start/stop
// modules that run separately when deployed (`npm run ingest`, `npm run server`).
import { runServerProcess } from './server-process.ts'

runServerProcess({ name: 'command-center', simulator: true, kafka: false })
