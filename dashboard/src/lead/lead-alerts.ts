// What the shift lead's page lists, apart from the screen so it reads (and
// is tested) in one place: the alerts people were told of, those nobody has
// acknowledged first; and the escalations waiting for this lead, as the
// escalation policy in force says who each tier reaches.
import type { Escalation, Receiver } from '../../../schemas/alerting-config.ts'
import type { Alert } from '../../../schemas/alerts.ts'
import { compareAlerts } from '../alerts/inbox.ts'

/** Nobody on it yet before someone is: the lead looks for what is unowned. */
const OWNED_RANK = { firing: 0, acknowledged: 1 } as const

/** Firing and acknowledged alerts (those people were told of): unacknowledged first, then the inbox's order (most serious, oldest). */
export function leadAlerts(alerts: readonly Alert[]): Alert[] {
  return alerts
    .filter((a): a is Alert & { state: 'firing' | 'acknowledged' } => a.state === 'firing' || a.state === 'acknowledged')
    .sort((a, b) => OWNED_RANK[a.state] - OWNED_RANK[b.state] || compareAlerts(a, b))
}

/** Alerts that became true but are held for their rule's `for`: nobody has been told yet. */
export const pendingCount = (alerts: readonly Alert[]): number => alerts.filter((a) => a.state === 'pending').length

const recipientsOf = (r: Receiver): readonly string[] => ('to' in r ? r.to : 'mention' in r ? (r.mention ?? []) : [])

/**
 * The escalation tiers (1-based) that reach this person: a tier one of whose
 * receivers is addressed to the lead on duty or to them by name. Empty when
 * there is no escalation policy or no tier reaches a lead.
 */
export function tiersReaching(escalation: Escalation | null, receivers: readonly Receiver[], username: string): number[] {
  if (!escalation) return []
  const byId = new Map(receivers.map((r) => [r.id, r]))
  const reaches = (id: string) => {
    const r = byId.get(id)
    return r !== undefined && recipientsOf(r).some((to) => to === 'lead_on_duty' || to === `user:${username}`)
  }
  return escalation.tiers.flatMap((tier, i) => (tier.notify.some(reaches) ? [i + 1] : []))
}

/**
 * Escalations waiting for the lead: firing (nobody acknowledged it, which
 * would have stopped the escalation) and escalated at least to the first
 * tier that reaches the lead, as the pipeline recorded it on the alert. With
 * `tiers` unknown (the policy could not be read), every escalated alert.
 */
export function escalationsFor(alerts: readonly Alert[], tiers: readonly number[] | null): Alert[] {
  const from = tiers === null ? 1 : tiers.length > 0 ? Math.min(...tiers) : Infinity
  return alerts.filter((a) => a.state === 'firing' && a.escalation.tier >= from).sort(compareAlerts)
}
