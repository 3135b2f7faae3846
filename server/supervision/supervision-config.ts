// Supervision orders' settings, from the environment (documented in
// docs/command/supervision.md).
import { ConfigError, readInt, readString, type Env } from '../../core/env.ts'

export interface SupervisionConfig {
  /** After the reminder at the deadline, how long the order may stay unanswered before the shift lead is alerted. */
  alertAfterMinutes: number
  /** How often the teams' answers are read and deadlines checked. */
  checkMs: number
  /** Where issued orders and reminders are also posted (the teams' own channel), when set. */
  webhookUrl: URL | undefined
}

export function loadSupervisionConfig(env: Env): SupervisionConfig {
  const webhook = readString(env, 'SUPERVISION_WEBHOOK_URL')
  return {
    alertAfterMinutes: readInt(env, 'SUPERVISION_ALERT_AFTER_MINUTES', 30, { min: 0, max: 7 * 24 * 60 }),
    checkMs: readInt(env, 'SUPERVISION_CHECK_MS', 5000, { min: 50, max: 600_000 }),
    webhookUrl: webhook === undefined ? undefined : readWebhook(webhook),
  }
}

function readWebhook(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : null
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigError(`SUPERVISION_WEBHOOK_URL must be an http(s) address, got '${text}'`)
  }
  return url
}
