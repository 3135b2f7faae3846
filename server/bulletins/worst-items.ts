// The worst items of a bulletin: each region's KPI that ended the period
// amber or red (as kpiStatus judged it), red first, then by how far past its
// amber line it is, relative to that line, so that KPIs of different units
// rank together. Statuses are the server's; this only orders them.
import type { BulletinKpi, WorstItem } from '../../schemas/bulletins.ts'
import type { KpiDefinition, KpiId } from '../../schemas/kpis.ts'

/** How far a value is past its amber line, as a fraction of that line (0 when the line is 0). */
function distance(def: KpiDefinition, value: number, scale: number): number {
  const t = def.thresholds
  const relative = (gap: number, line: number) => (line === 0 ? gap : gap / Math.abs(line))
  switch (t.good) {
    case 'higher':
      return relative(t.amber - value, t.amber)
    case 'lower':
      return relative(value - t.amber * scale, t.amber * scale)
    case 'range':
      return value < t.amber[0] ? relative(t.amber[0] - value, t.amber[0]) : relative(value - t.amber[1], t.amber[1])
    case 'none':
      return 0
  }
}

export function worstItems(kpis: readonly BulletinKpi[], definitions: Record<KpiId, KpiDefinition>, monthScale: number): WorstItem[] {
  const items: Array<WorstItem & { far: number }> = []
  for (const kpi of kpis) {
    const def = definitions[kpi.id]
    const scale = def.target_period === 'month' ? monthScale : 1
    for (const [region, cell] of Object.entries(kpi.regions)) {
      if (cell.value === null || (cell.status !== 'red' && cell.status !== 'amber')) continue
      items.push({ kpi: kpi.id, region, value: cell.value, target: kpi.target, status: cell.status, volume: cell.volume ?? null, far: distance(def, cell.value, scale) })
    }
  }
  return items
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1) || b.far - a.far || a.kpi.localeCompare(b.kpi) || a.region.localeCompare(b.region))
    .map(({ far: _far, ...item }) => item)
}
