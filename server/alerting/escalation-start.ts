// When an alert that just started firing will reach its first escalation
// tier, if nobody acknowledges it: what the wall and the desk show as
// "escalates at" from the first moment, not only once a tier was sent. The
// escalator (notify/escalation.ts) sends the tiers on the same policy.
import type { Escalation, Severity } from '../../schemas/alerting-config.ts'
import { parseDuration } from '../../schemas/duration.ts'
import { ESCALATION_DEFAULTS } from './config/rule-defaults.ts'

export function firstEscalationAt(policy: Escalation | null, severity: Severity, firedAt: number): number | null {
  if (!policy) return null
  const severities: readonly Severity[] = policy.severities ?? ESCALATION_DEFAULTS.severities
  if (!severities.includes(severity)) return null
  return firedAt + parseDuration(policy.tiers[0].after)
}
