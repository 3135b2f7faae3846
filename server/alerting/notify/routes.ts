// Stage 1a, route: which routes an alert takes. Routes are matched in order
// on the alert's labels (and severity, rule and kind, which the engine also
// puts in the labels); the first that matches takes the alert, unless it
// says `continue`, when matching goes on. An alert no route matches is told
// to no receiver (escalation still applies to it).
//
// A route's key is its match written out (with an occurrence number when two
// routes match alike), not its place in the file: a reload that inserts a
// route above another, or changes its receivers or timings, keeps every group
// key, so the notification log still knows what each group said.
import type { Alert } from '../../../schemas/alerts.ts'
import type { Route } from '../../../schemas/alerting-config.ts'
import { parseDuration } from '../../../schemas/duration.ts'
import { ROUTE_DEFAULTS } from './defaults.ts'

export interface CompiledRoute {
  key: string
  match: Record<string, string>
  receivers: string[]
  groupBy: readonly string[]
  groupWaitMs: number
  groupIntervalMs: number
  repeatIntervalMs: number
  continue: boolean
}

/** What a match may name besides the labels, should the labels lack it. */
function labelValue(alert: Alert, name: string): string | undefined {
  const value = alert.labels[name]
  if (value !== undefined) return value
  if (name === 'severity') return alert.severity
  if (name === 'rule') return alert.rule_id
  if (name === 'kind') return alert.kind
  return undefined
}

/** `{a="x",b="y"}`, names sorted: the text of a set of label values. */
export function labelsText(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
  return `{${pairs.join(',')}}`
}

export function compileRoutes(routes: readonly Route[]): CompiledRoute[] {
  const seen = new Map<string, number>()
  return routes.map((route) => {
    const text = labelsText(route.match)
    const n = (seen.get(text) ?? 0) + 1
    seen.set(text, n)
    return {
      key: n === 1 ? text : `${text}#${n}`,
      match: route.match,
      receivers: route.receivers,
      groupBy: route.group_by ?? ROUTE_DEFAULTS.groupBy,
      groupWaitMs: route.group_wait ? parseDuration(route.group_wait) : ROUTE_DEFAULTS.groupWaitMs,
      groupIntervalMs: route.group_interval ? parseDuration(route.group_interval) : ROUTE_DEFAULTS.groupIntervalMs,
      repeatIntervalMs: route.repeat_interval ? parseDuration(route.repeat_interval) : ROUTE_DEFAULTS.repeatIntervalMs,
      continue: route.continue ?? false,
    }
  })
}

/** The routes that take an alert, in order. */
export function routesFor(routes: readonly CompiledRoute[], alert: Alert): CompiledRoute[] {
  const taken: CompiledRoute[] = []
  for (const route of routes) {
    if (!Object.entries(route.match).every(([name, value]) => labelValue(alert, name) === value)) continue
    taken.push(route)
    if (!route.continue) break
  }
  return taken
}

/** The aggregation group of an alert on a route: the route's key and the alert's values of group_by (absent labels left out). */
export function groupOf(route: CompiledRoute, alert: Alert): { key: string; labels: Record<string, string> } {
  const labels: Record<string, string> = {}
  for (const name of route.groupBy) {
    const value = labelValue(alert, name)
    if (value !== undefined) labels[name] = value
  }
  return { key: `${route.key}:${labelsText(labels)}`, labels }
}
