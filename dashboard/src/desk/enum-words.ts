// The words for the enum values the desk shows from data (a priority, a
// status, a category, an outage kind…): the dictionary's word when it has
// one, the raw value otherwise (a value a newer source sends still shows).
import { tOr } from '../i18n/dictionary.ts'

/** The dictionary prefix of each field's values (dashboard/src/i18n). */
const PREFIX: Record<string, string> = {
  category: 'cat',
  priority: 'priority',
  status: 'wostatus',
  kind: 'outage',
  outage_kind: 'outage',
  area_class: 'area',
  channel: 'channel',
  customer_tier: 'tier',
  state: 'agent',
  milestone: 'milestone',
  disposition: 'disp',
}

export function enumWord(field: string, value: string): string {
  const prefix = PREFIX[field]
  return prefix === undefined ? value : tOr(`${prefix}.${value}`, value)
}
