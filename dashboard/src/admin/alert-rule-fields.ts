// Which numbers of a rule /admin/alerting lets an administrator change in
// place, per kind (the thresholds; everything else is edited in the file or
// through the API), and how a rule reads in one line.
import type { Rule } from '../../../schemas/alerting-config.ts'

export type ThresholdField = 'fire' | 'clear' | 'min_volume' | 'factor' | 'min_value' | 'threshold' | 'minutes' | 'per_minute'

/** The fields shown as inputs; those marked optional may be left empty (the default applies). */
export function thresholdFields(rule: Rule): Array<{ field: ThresholdField; optional: boolean }> {
  switch (rule.kind) {
    case 'kpi':
      return [
        { field: 'fire', optional: false },
        { field: 'clear', optional: false },
        { field: 'min_volume', optional: true },
      ]
    case 'change':
    case 'unexplained_surge':
      return [
        { field: 'factor', optional: false },
        { field: 'min_value', optional: false },
      ]
    case 'entity':
      return rule.check === 'outage_customers_above' ? [{ field: 'threshold', optional: false }] : []
    case 'data':
      if (rule.check === 'dead_letter_rate') return [{ field: 'per_minute', optional: false }]
      return rule.check === 'snapshot_stale' ? [] : [{ field: 'minutes', optional: true }]
  }
}

/** What a rule watches, in one line: "service_level 15m below" or "workorder_overdue". */
export function ruleSubject(rule: Rule): string {
  switch (rule.kind) {
    case 'kpi': {
      const [scope] = Object.entries(rule.scope ?? {})
      return `${rule.kpi} · ${rule.window}${scope ? ` · ${scope[0]} ${scope[1]}` : ''} · ${rule.op}`
    }
    case 'change':
      return `${rule.kpi} · ${rule.window} · vs ${rule.compare}`
    case 'unexplained_surge':
      return `calls_offered · ${rule.window} · vs ${rule.compare}`
    case 'entity':
    case 'data':
      return rule.check
  }
}

/**
 * The rule with the inputs' values: a number where one was typed, the field
 * dropped where an optional one was emptied, and anything else sent as
 * typed so that the server names the field and what it expects.
 */
export function withThresholds(rule: Rule, values: Partial<Record<ThresholdField, string>>, enabled: boolean): Rule {
  const next: Record<string, unknown> = { ...rule, enabled }
  for (const { field, optional } of thresholdFields(rule)) {
    const text = (values[field] ?? '').trim()
    if (text === '' && optional) delete next[field]
    else next[field] = text !== '' && Number.isFinite(Number(text)) ? Number(text) : text
  }
  return next as Rule
}
