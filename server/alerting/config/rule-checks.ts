// What the schema cannot say about rules: ids unique, hysteresis the right
// way round, change rules on counts, min_volume where a volume means
// something, breakdowns the KPI has, and codes that exist in the territory.
import type { Rule, RuleScope } from '../../../schemas/alerting-config.ts'
import { OUTAGE_KINDS, PRIORITIES, WORKORDER_CATEGORIES } from '../../../schemas/events.ts'
import { kpiEntry, type KpiId } from '../../../schemas/kpis.ts'
import type { Territory } from '../../../schemas/territory.ts'
import type { Path, Problem } from './problems.ts'
import { COUNT_KPIS, isRate, VOLUME_JUDGED_KPIS } from './rule-defaults.ts'

/** Labels the engine sets itself on every alert: a rule may not set them. */
const ENGINE_LABELS = ['rule', 'kind', 'severity']

type Codes = Record<keyof RuleScope, readonly string[]>

export function territoryCodes(territory: Territory): Codes {
  return {
    region: territory.regions.map((r) => r.code),
    queue: territory.queues.map((q) => q.code),
    team: territory.teams.map((t) => t.code),
    category: WORKORDER_CATEGORIES,
    outage_kind: OUTAGE_KINDS,
  }
}

const list = (values: readonly string[]) => (values.length > 12 ? `${values.slice(0, 12).join(', ')}, …` : values.join(', '))

function scopeProblems(scope: RuleScope | undefined, kpi: KpiId, codes: Codes, at: Path): Problem[] {
  const [entry] = Object.entries(scope ?? {}) as Array<[keyof RuleScope, string]>
  if (!entry) return []
  const [breakdown, code] = entry
  const { breakdowns } = kpiEntry(kpi)
  if (!breakdowns.includes(breakdown)) {
    return [{ path: [...at, 'scope', breakdown], message: `${kpi} has no breakdown by ${breakdown}; it has ${breakdowns.join(', ') || 'none'}` }]
  }
  if (code !== '*' && !codes[breakdown].includes(code)) {
    return [{ path: [...at, 'scope', breakdown], message: `no ${breakdown} ${JSON.stringify(code)} in the territory; "*" for each, or one of ${list(codes[breakdown])}` }]
  }
  return []
}

function kpiRuleProblems(rule: Extract<Rule, { kind: 'kpi' }>, codes: Codes, at: Path): Problem[] {
  const problems = scopeProblems(rule.scope, rule.kpi, codes, at)
  const clearSide = rule.op === 'above' ? rule.clear < rule.fire : rule.clear > rule.fire
  if (!clearSide) {
    problems.push({
      path: [...at, 'clear'],
      message: `${rule.clear} is not on the non-firing side of fire ${rule.fire}: with op "${rule.op}" clear must be ${rule.op === 'above' ? 'below' : 'above'} fire (the gap is the hysteresis)`,
    })
  }
  if (isRate(rule.kpi)) {
    for (const field of ['fire', 'clear'] as const) {
      if (rule[field] < 0 || rule[field] > 1) problems.push({ path: [...at, field], message: `${rule.kpi} is a rate from 0 to 1 (80% is 0.8), got ${rule[field]}` })
    }
  }
  if (rule.min_volume !== undefined && !VOLUME_JUDGED_KPIS.includes(rule.kpi)) {
    problems.push({ path: [...at, 'min_volume'], message: `${rule.kpi} is not a rate or an average over counted items, so a minimum volume means nothing for it; it applies to ${list(VOLUME_JUDGED_KPIS)}` })
  }
  return problems
}

function changeRuleProblems(rule: Extract<Rule, { kind: 'change' }>, codes: Codes, at: Path): Problem[] {
  if (!COUNT_KPIS.includes(rule.kpi)) {
    return [{ path: [...at, 'kpi'], message: `a change rule compares counts: ${rule.kpi} is a ${kpiEntry(rule.kpi).unit} ("${kpiEntry(rule.kpi).kind}") KPI; use one of ${COUNT_KPIS.join(', ')}` }]
  }
  const problems = scopeProblems(rule.scope, rule.kpi, codes, at)
  if (rule.factor === 1) problems.push({ path: [...at, 'factor'], message: 'a factor of 1 fires whenever the count is what it was: above 1 finds a rise (3 for a storm), below 1 a drop' })
  return problems
}

const WORKORDER_CHECKS = ['workorder_overdue', 'workorder_at_risk']
const WHERE_VALUES = { category: WORKORDER_CATEGORIES, priority: PRIORITIES, kind: OUTAGE_KINDS } as const

function entityRuleProblems(rule: Extract<Rule, { kind: 'entity' }>, codes: Codes, at: Path): Problem[] {
  const problems: Problem[] = []
  const forOrders = WORKORDER_CHECKS.includes(rule.check)
  if (rule.check === 'outage_customers_above' && rule.threshold === undefined) {
    problems.push({ path: [...at, 'threshold'], message: 'missing: outage_customers_above needs the number of customers (e.g. 1000)' })
  }
  if (rule.check !== 'outage_customers_above' && rule.threshold !== undefined) {
    problems.push({ path: [...at, 'threshold'], message: `only outage_customers_above has a threshold, not ${rule.check}` })
  }
  // A shift's handover is neither an order nor an outage: nothing to filter it by.
  if (rule.check === 'handover_unconfirmed' && rule.where !== undefined) {
    problems.push({ path: [...at, 'where'], message: 'handover_unconfirmed takes no where: it is about the shift that just ended' })
    return problems
  }
  for (const [key, value] of Object.entries(rule.where ?? {}) as Array<[keyof NonNullable<typeof rule.where>, string]>) {
    const path = [...at, 'where', key]
    if (key === 'region') {
      if (!codes.region.includes(value)) problems.push({ path, message: `no region ${JSON.stringify(value)} in the territory; one of ${list(codes.region)}` })
      continue
    }
    if (rule.check === 'supervision_unanswered') {
      problems.push({ path, message: `supervision_unanswered filters by region only; ${key} is not a field of a supervision order` })
      continue
    }
    const applies = key === 'kind' ? !forOrders : forOrders
    if (!applies) problems.push({ path, message: `${key} filters ${key === 'kind' ? 'outages' : 'work orders'}; ${rule.check} is about ${forOrders ? 'work orders' : 'outages'}` })
    else if (!(WHERE_VALUES[key] as readonly string[]).includes(value)) problems.push({ path, message: `must be one of ${WHERE_VALUES[key].join(', ')}, got ${JSON.stringify(value)}` })
  }
  return problems
}

/** Which fields each data check takes: any other is a mistake, not a setting. */
const DATA_FIELDS: Record<Extract<Rule, { kind: 'data' }>['check'], { takes: string[]; needs: string[] }> = {
  source_silent: { takes: ['source', 'minutes'], needs: [] },
  snapshot_stale: { takes: [], needs: [] },
  display_dark: { takes: ['minutes'], needs: [] },
  dead_letter_rate: { takes: ['per_minute'], needs: ['per_minute'] },
}

function dataRuleProblems(rule: Extract<Rule, { kind: 'data' }>, at: Path): Problem[] {
  const { takes, needs } = DATA_FIELDS[rule.check]
  const problems: Problem[] = []
  for (const field of ['source', 'minutes', 'per_minute'] as const) {
    if (rule[field] !== undefined && !takes.includes(field)) problems.push({ path: [...at, field], message: `${rule.check} takes ${takes.length ? takes.join(', ') : 'none of source, minutes, per_minute'}, not ${field}` })
    if (rule[field] === undefined && needs.includes(field)) problems.push({ path: [...at, field], message: `missing: ${rule.check} needs ${field}` })
  }
  return problems
}

export function ruleProblems(rules: Rule[], territory: Territory): Problem[] {
  const codes = territoryCodes(territory)
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  rules.forEach((rule, i) => {
    const at = ['rules', i]
    const first = seen.get(rule.id)
    if (first !== undefined) problems.push({ path: [...at, 'id'], message: `the id ${rule.id} is already used by rules[${first}]; ids must be unique` })
    else seen.set(rule.id, i)
    for (const label of Object.keys(rule.labels ?? {})) {
      if (ENGINE_LABELS.includes(label)) problems.push({ path: [...at, 'labels', label], message: `${label} is set by the engine on every alert; a rule cannot set it` })
    }
    switch (rule.kind) {
      case 'kpi':
        return problems.push(...kpiRuleProblems(rule, codes, at))
      case 'change':
        return problems.push(...changeRuleProblems(rule, codes, at))
      case 'entity':
        return problems.push(...entityRuleProblems(rule, codes, at))
      case 'data':
        return problems.push(...dataRuleProblems(rule, at))
      case 'unexplained_surge':
        return
    }
  })
  return problems
}
