// The stable identity of an alert: its rule and the scope it is about (the
// total, a region, a work order, a source). The same problem always has the
// same fingerprint, across ticks, restarts and edits of the rule's
// thresholds; a different rule or scope never shares one.
import { createHash } from 'node:crypto'

/** `dimension` names the scope ('region', 'workorder', …), null for a rule's total. */
export function fingerprintOf(ruleId: string, dimension: string | null, key: string): string {
  const text = dimension === null ? ruleId : `${ruleId}\u0000${dimension}=${key}`
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}
