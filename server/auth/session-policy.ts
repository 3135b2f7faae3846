// The session policy of a configuration (SESSION_IDLE_MINUTES,
// SESSION_MAX_HOURS, DEVICE_SESSION_DAYS): how long sessions of people and
// displays live, and how a display's token rotates.
import type { ServerConfig } from '../config.ts'
import type { SessionPolicy } from './sessions.ts'

/** A display's token is replaced once a day; the one before stays good for five minutes. */
const DEVICE_ROTATE_MS = 24 * 3_600_000
const DEVICE_GRACE_MS = 5 * 60_000

export function sessionPolicy(config: Pick<ServerConfig, 'sessionIdleMinutes' | 'sessionMaxHours' | 'deviceSessionDays'>): SessionPolicy {
  return {
    personIdleMs: config.sessionIdleMinutes * 60_000,
    personMaxMs: config.sessionMaxHours * 3_600_000,
    deviceIdleMs: config.deviceSessionDays * 86_400_000,
    deviceRotateMs: DEVICE_ROTATE_MS,
    deviceGraceMs: DEVICE_GRACE_MS,
  }
}
