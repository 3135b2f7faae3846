// One logger for every process (pino). On a terminal it prints readable
// lines; when the output is not a terminal (a container, a file, CI), or
// LOG_FORMAT=json, it prints JSON lines for a log collector. Fields that may
// carry secrets are redacted wherever they appear.
import { pino, type Logger } from 'pino'
import pretty from 'pino-pretty'
import type { LogConfig } from './config.ts'

export type { Logger }

export const REDACTED_PATHS = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'secret', '*.secret',
  'sasl', '*.sasl',
]

export function createLogger(name: string, config: LogConfig, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Logger {
  const options = { name, level: config.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }
  const readable = config.format === 'pretty' || (config.format === 'auto' && stream.isTTY === true)
  if (!readable) return pino(options, stream)
  // Synchronous in this thread (not a worker transport), so a line is written
  // before the process exits on a fatal error.
  return pino(options, pretty({ destination: stream, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true }))
}
