// Turns a tick's sums and current-state figures into the snapshot's
// `windows` (a cell per KPI per window: value, scaled target, status,
// yesterday, last week) and `breakdowns` (values only, per dimension).
import { KPI_IDS, WINDOWS, kpiStatus, type Breakdown, type KpiDefinition, type KpiId, type WindowId } from '../../schemas/kpis.ts'
import type { BreakdownTable, KpiCell, WindowBreakdowns } from '../../schemas/snapshot.ts'
import { TOTAL, windowedValue, type Key, type SumBook } from './measures.ts'
import type { Shift } from './kpi-periods.ts'

export type NowValues = Map<Key, Partial<Record<KpiId, number | null>>>

export const BREAKDOWNS: readonly Breakdown[] = ['region', 'queue', 'category', 'outage_kind', 'team']

export interface Assembly {
  definitions: Record<KpiId, KpiDefinition>
  books: Record<WindowId, Record<Shift, SumBook>>
  nowValues: NowValues
  /** Customers behind a key (the territory or the narrowed region for 'total', a region for 'region:X'). */
  customersOf(key: Key): number | null
  /** Window length / 30 days, for KPIs whose target is stated per month. */
  monthScale: Record<WindowId, number>
  /** The values each breakdown table lists, in display order. */
  dimensionValues: Record<Breakdown, string[]>
}

// A "now" KPI without data for a key is a count of nothing; a longest wait
// with nobody waiting has no value.
function nowValue(a: Assembly, id: KpiId, key: Key): number | null {
  const value = a.nowValues.get(key)?.[id]
  if (value !== undefined) return value
  return id === 'longest_wait_now_seconds' ? null : 0
}

function valueAt(a: Assembly, id: KpiId, window: WindowId, shift: Shift, key: Key): number | null {
  return windowedValue(id, a.books[window][shift].get(key), a.customersOf(key))
}

function cell(a: Assembly, def: KpiDefinition, window: WindowId): KpiCell {
  const monthly = def.target_period === 'month'
  const scale = monthly ? a.monthScale[window] : 1
  const target = def.target === null ? null : def.target * scale
  if (def.kind === 'now') {
    const value = nowValue(a, def.id, TOTAL)
    return { value, target, status: kpiStatus(def.thresholds, value, scale), yesterday: null, last_week: null }
  }
  const value = valueAt(a, def.id, window, 'current', TOTAL)
  return {
    value,
    target,
    status: kpiStatus(def.thresholds, value, scale),
    yesterday: valueAt(a, def.id, window, 'yesterday', TOTAL),
    last_week: valueAt(a, def.id, window, 'last_week', TOTAL),
  }
}

export function buildWindows(a: Assembly): Record<WindowId, Record<KpiId, KpiCell>> {
  return Object.fromEntries(
    WINDOWS.map((w) => [w, Object.fromEntries(KPI_IDS.map((id) => [id, cell(a, a.definitions[id], w)]))]),
  ) as Record<WindowId, Record<KpiId, KpiCell>>
}

function table(a: Assembly, dimension: Breakdown, window: WindowId): BreakdownTable {
  const ids = KPI_IDS.filter((id) => a.definitions[id].breakdowns.includes(dimension))
  const out: BreakdownTable = {}
  for (const value of a.dimensionValues[dimension]) {
    const key = `${dimension}:${value}`
    const row: Partial<Record<KpiId, number | null>> = {}
    for (const id of ids) {
      row[id] = a.definitions[id].kind === 'now' ? nowValue(a, id, key) : valueAt(a, id, window, 'current', key)
    }
    out[value] = row
  }
  return out
}

export function buildBreakdowns(a: Assembly): Record<WindowId, WindowBreakdowns> {
  return Object.fromEntries(
    WINDOWS.map((w) => [w, Object.fromEntries(BREAKDOWNS.map((d) => [d, table(a, d, w)])) as unknown as WindowBreakdowns]),
  ) as Record<WindowId, WindowBreakdowns>
}

/** The known values of a dimension first (territory order), then any others the data holds, sorted. */
export function dimensionValues(known: readonly string[], seenKeys: Iterable<Key>, dimension: Breakdown): string[] {
  const prefix = `${dimension}:`
  const extra = new Set<string>()
  for (const key of seenKeys) {
    if (key.startsWith(prefix)) {
      const value = key.slice(prefix.length)
      if (!known.includes(value)) extra.add(value)
    }
  }
  return [...known, ...[...extra].sort()]
}
