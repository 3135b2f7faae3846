// What the desk's alert detail shows beside the alert itself: the rule's KPI
// and thresholds (for its chart), the scope and the labels that pick out its
// fingerprint (what a silence from the desk matches), the other open alerts
// of the same rule or scope, the active outages of its region (the outage
// that explains a surge), the orders it is about, and the silences covering
// it. All from memory: the engine's alerts, the KPI engine's entities as the
// last tick judged them (the same judges as the snapshot and the lists), the
// silence book. No query, so the detail stays as fast as it was.
import type { Rule } from '../../schemas/alerting-config.ts'
import type { Alert, AlertContext, AlertOrders, AlertRuleFacts, AlertScope, Silence } from '../../schemas/alerts.ts'
import type { OutageBrief, WorkorderBrief } from '../../schemas/snapshot.ts'
import type { EntitiesNow } from '../kpi/kpi-engine.ts'

/** The label that carries each kind of scope's key (evaluators/*: `describe`). */
const SCOPE_LABEL: Record<string, string> = { workorder: 'workorder_id', outage: 'outage_id' }
export const scopeLabelOf = (dimension: string): string => SCOPE_LABEL[dimension] ?? dimension

const MAX_RELATED = 50
const MAX_OUTAGES = 20
const MAX_ORDERS = 50
/** The drill-down list filters a rule's scope can narrow the orders by (server/queries/workorder-list.ts). */
const ORDER_FILTERS = new Set(['region', 'category', 'team', 'priority'])

export interface ContextSources {
  ruleInForce(ruleId: string): { rule: Rule; dimension: string | null } | undefined
  current(): Alert[]
  entities(at: number): EntitiesNow
  silences(at: number): Silence[]
}

export function ruleFacts(rule: Rule): AlertRuleFacts | null {
  if (rule.kind === 'kpi') return { kpi: rule.kpi, window: rule.window, op: rule.op, fire: rule.fire, clear: rule.clear, compare: null, factor: null, min_value: null }
  if (rule.kind === 'change') return { kpi: rule.kpi, window: rule.window, op: null, fire: null, clear: null, compare: rule.compare, factor: rule.factor, min_value: rule.min_value }
  return null
}

/** The rule and its scope label: exactly the alerts of this fingerprint (the engine's labels always carry both). */
export function scopeOf(alert: Alert, dimension: string | null): AlertScope {
  if (dimension === null) return { dimension, key: '', matchers: { rule: alert.rule_id } }
  const label = scopeLabelOf(dimension)
  const key = alert.labels[label] ?? ''
  return { dimension, key, matchers: { rule: alert.rule_id, [label]: key } }
}

/** Labels that say where an alert is: its region, the order or outage it is about. */
const PLACE_LABELS = ['region', 'workorder_id', 'outage_id'] as const

function relatedAlerts(alert: Alert, all: readonly Alert[]): Alert[] {
  const sharesPlace = (other: Alert) => PLACE_LABELS.some((l) => alert.labels[l] !== undefined && alert.labels[l] === other.labels[l])
  return all
    .filter((a) => a.id !== alert.id && a.state !== 'resolved' && (a.rule_id === alert.rule_id || sharesPlace(a)))
    .sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id))
    .slice(0, MAX_RELATED)
}

function outagesOf(alert: Alert, outages: readonly OutageBrief[]): OutageBrief[] {
  const own = alert.labels.outage_id
  if (own !== undefined) return outages.filter((o) => o.outage_id === own)
  const region = alert.labels.region
  if (region === undefined) return []
  return outages.filter((o) => o.region === region).slice(0, MAX_OUTAGES)
}

/** Which orders a rule is about (overdue or at risk) and the filters that narrow them to the alert's scope; null for other rules. */
function ordersWanted(alert: Alert, rule: Rule, dimension: string | null): { judged: AlertOrders['judged']; filters: Record<string, string> } | null {
  if (rule.kind === 'entity') {
    if (rule.check !== 'workorder_overdue' && rule.check !== 'workorder_at_risk') return null
    // One alert per order; its team's other orders the rule also judges are "the orders of an overdue team".
    const filters: Record<string, string> = { ...(rule.where ?? {}) }
    delete filters.kind
    const team = alert.labels.team ?? ''
    if (team !== '') filters.team = team
    else if (alert.labels.region !== undefined) filters.region = alert.labels.region
    return { judged: rule.check === 'workorder_overdue' ? 'overdue' : 'at_risk', filters }
  }
  if (rule.kind !== 'kpi' && rule.kind !== 'change') return null
  const judged = rule.kpi === 'workorders_overdue_now' ? 'overdue' : rule.kpi === 'workorders_at_risk_now' ? 'at_risk' : null
  if (judged === null) return null
  const filters: Record<string, string> = {}
  if (dimension !== null && ORDER_FILTERS.has(dimension)) filters[dimension] = alert.labels[dimension] ?? ''
  return { judged, filters }
}

function ordersOf(alert: Alert, wanted: NonNullable<ReturnType<typeof ordersWanted>>, orders: readonly WorkorderBrief[]): AlertOrders {
  const held = (w: WorkorderBrief) =>
    w.overdue === (wanted.judged === 'overdue') && Object.entries(wanted.filters).every(([k, v]) => w[k as keyof WorkorderBrief] === v)
  const own = alert.labels.workorder_id
  const matching = orders.filter(held)
  // The alert's own order first.
  const items = [...matching.filter((w) => w.workorder_id === own), ...matching.filter((w) => w.workorder_id !== own)]
  return { ...wanted, filters: { [wanted.judged]: 'true', ...wanted.filters }, total: matching.length, items: items.slice(0, MAX_ORDERS) }
}

export function alertContext(alert: Alert, sources: ContextSources, at: number): AlertContext {
  const inForce = sources.ruleInForce(alert.rule_id)
  const covering = sources.silences(at).filter((s) => s.state !== 'expired' && Object.entries(s.matchers).every(([k, v]) => alert.labels[k] === v))
  const related = relatedAlerts(alert, sources.current())
  const wanted = inForce ? ordersWanted(alert, inForce.rule, inForce.dimension) : null
  const needsEntities = wanted !== null || alert.labels.region !== undefined || alert.labels.outage_id !== undefined
  const entities = needsEntities ? sources.entities(at) : { workorders: [], outages: [] }
  return {
    rule: inForce ? ruleFacts(inForce.rule) : null,
    scope: inForce ? scopeOf(alert, inForce.dimension) : null,
    related,
    outages: outagesOf(alert, entities.outages),
    workorders: wanted === null ? null : ordersOf(alert, wanted, entities.workorders),
    silences: covering,
  }
}
