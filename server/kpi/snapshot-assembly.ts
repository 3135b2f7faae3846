// Turns a tick's sums and current-state figures into the snapshot's
// `windows` (a cell per KPI per window: value, scaled target, status,
// yesterday, last week) and `breakdowns` (value and status per dimension
// value); rates and averages also carry the volume they are taken over,
// which alert rules' min_volume reads. Every value is judged here, once: screens show the status they
// are given. Every KPI comes from its registry entry (schemas/kpis.ts).
import { NO_FIGURES } from '../../schemas/kpi-measures.ts'
import { BREAKDOWNS, KPI_IDS, WINDOWS, kpiEntry, kpiStatus, type Breakdown, type KpiDefinition, type KpiId, type KpiSource, type WindowId } from '../../schemas/kpis.ts'
import type { BreakdownCell, BreakdownTable, KpiCell, KpiTargets, WindowBreakdowns } from '../../schemas/snapshot.ts'
import type { NowBook } from './current-state.ts'
import type { Shift } from './kpi-periods.ts'
import { TOTAL, type Key, type SumBook } from './measures.ts'

export interface Assembly {
  definitions: Record<KpiId, KpiDefinition>
  books: Record<WindowId, Record<Shift, SumBook>>
  /** Whether a source's stored history reaches into a comparison period; one it does not reach has no value (not 0). */
  covered(source: KpiSource, window: WindowId, shift: Exclude<Shift, 'current'>): boolean
  now: NowBook
  /** Customers behind a key (the territory or the narrowed region for 'total', a region for 'region:X'). */
  customersOf(key: Key): number | null
  /** Window length / 30 days, for KPIs whose target is stated per month. */
  monthScale: Record<WindowId, number>
  /** The values each breakdown table lists, in display order. */
  dimensionValues: Record<Breakdown, string[]>
}

function valueAt(a: Assembly, id: KpiId, window: WindowId, shift: Shift, key: Key): number | null {
  const entry = kpiEntry(id)
  if (entry.kind === 'now') return shift === 'current' ? entry.formula(a.now.get(key) ?? NO_FIGURES) : null
  if (shift !== 'current' && !a.covered(entry.source, window, shift)) return null
  return entry.formula(a.books[window][shift].get(key), a.customersOf(key))
}

const scaleOf = (a: Assembly, def: KpiDefinition, window: WindowId) => (def.target_period === 'month' ? a.monthScale[window] : 1)

function judged(a: Assembly, def: KpiDefinition, window: WindowId, key: Key): BreakdownCell {
  const value = valueAt(a, def.id, window, 'current', key)
  const entry = kpiEntry(def.id)
  const status = kpiStatus(def.thresholds, value, scaleOf(a, def, window))
  // The volume goes with rates and averages only (their registry entry names it), so other cells stay as small as they were.
  if (entry.kind === 'windowed' && entry.volume) return { value, volume: entry.volume(a.books[window].current.get(key)), status }
  return { value, status }
}

function cell(a: Assembly, def: KpiDefinition, window: WindowId): KpiCell {
  const scale = scaleOf(a, def, window)
  return {
    ...judged(a, def, window, TOTAL),
    target: def.target === null ? null : def.target * scale,
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
  const defs = KPI_IDS.map((id) => a.definitions[id]).filter((def) => def.breakdowns.includes(dimension))
  const out: BreakdownTable = {}
  for (const value of a.dimensionValues[dimension]) {
    const key = `${dimension}:${value}`
    const row: Partial<Record<KpiId, BreakdownCell>> = {}
    for (const def of defs) row[def.id] = judged(a, def, window, key)
    out[value] = row
  }
  return out
}

export function buildBreakdowns(a: Assembly): Record<WindowId, WindowBreakdowns> {
  return Object.fromEntries(
    WINDOWS.map((w) => [w, Object.fromEntries(BREAKDOWNS.map((d) => [d, table(a, d, w)])) as unknown as WindowBreakdowns]),
  ) as Record<WindowId, WindowBreakdowns>
}

/** The targets and bands screens draw, after the center's overrides. */
export function buildTargets(definitions: Record<KpiId, KpiDefinition>): Record<KpiId, KpiTargets> {
  return Object.fromEntries(
    KPI_IDS.map((id) => {
      const def = definitions[id]
      return [id, { target: def.target, target_period: def.target_period ?? null, thresholds: def.thresholds }]
    }),
  ) as Record<KpiId, KpiTargets>
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
