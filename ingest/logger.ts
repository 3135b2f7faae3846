// One logger for every process: JSON lines (pino), level from LOG_LEVEL.
// Fields that may carry secrets are redacted wherever they appear.
import { pino, type Logger } from 'pino'
import { loadLogLevel } from './config.ts'

export type { Logger }

export const REDACTED_PATHS = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization',
  'req.headers.authorization', 'headers.authorization', 'sasl', '*.sasl',
]

export function createLogger(name: string, env: Record<string, string | undefined> = process.env): Logger {
  return pino({ name, level: loadLogLevel(env), redact: { paths: REDACTED_PATHS, censor: '[redacted]' } })
}
