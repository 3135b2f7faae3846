// Which alerts call for the wall's tone (the sound itself is every screen's:
// alerts/alert-tone.ts), decided here apart from the timer, so the rule
// reads in one place.
import type { Alert } from '../../../schemas/alerts.ts'
import type { AlertTone } from '../../../schemas/layout.ts'

const RANK = { critical: 0, warning: 1, info: 2 } as const

/** The alerts that call for the tone: firing (nobody has acknowledged them), not silenced, of the tone's severity or worse. */
export function alertsCallingForTone(alerts: readonly Alert[], tone: AlertTone): string[] {
  return alerts
    .filter((a) => a.state === 'firing' && !a.silenced && RANK[a.severity] <= RANK[tone.severity])
    .map((a) => a.id)
    .sort()
}
