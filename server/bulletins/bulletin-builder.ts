// Computes one bulletin: the KPIs of its period by region against target
// (the KPI engine over the period), the worst of them, the alerts,
// supervision orders and outages of the period, all from ClickHouse, as of
// the instant it is made.
import type { ClickHouseClient } from '@clickhouse/client'
import { OUTAGE_KINDS } from '../../schemas/events.ts'
import type { Bulletin } from '../../schemas/bulletins.ts'
import type { KpiDefinition, KpiId } from '../../schemas/kpis.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { KpiEngine } from '../kpi/kpi-engine.ts'
import { DAY_MS } from '../kpi/kpi-periods.ts'
import { alertFigures } from './alert-figures.ts'
import type { BulletinPeriod } from './bulletin-periods.ts'
import { outageFigures } from './outage-figures.ts'
import { supervisionFigures } from './supervision-figures.ts'
import { worstItems } from './worst-items.ts'

export interface BulletinSources {
  client: ClickHouseClient
  kpis: Pick<KpiEngine, 'over'>
  territory: Territory
  definitions: Record<KpiId, KpiDefinition>
  timeZone: string
  /** A rule's name in the alerting configuration in force (its id when it is gone). */
  ruleName: (id: string) => string
}

export const bulletinId = (p: Pick<BulletinPeriod, 'kind' | 'start'>): string => `${p.kind}-${p.start}`

export async function computeBulletin(src: BulletinSources, period: BulletinPeriod, asOf: Date, by: string): Promise<Bulletin> {
  const regionCodes = src.territory.regions.map((r) => r.code)
  const span = { lo: period.lo, hi: period.hi }
  const kpis = await src.kpis.over(span, asOf)
  const [alerts, supervision, outages] = await Promise.all([
    alertFigures(src.client, span, asOf.getTime(), src.ruleName),
    supervisionFigures(src.client, span, kpis, src.definitions.supervision_timeliness, regionCodes),
    outageFigures(src.client, span, regionCodes, OUTAGE_KINDS),
  ])
  return {
    id: bulletinId(period),
    kind: period.kind,
    period_start: period.start,
    period_end: period.end,
    from: new Date(period.lo).toISOString(),
    until: new Date(period.hi).toISOString(),
    time_zone: src.timeZone,
    generated_at: asOf.toISOString(),
    as_of: asOf.toISOString(),
    generated_by: by,
    regions: src.territory.regions.map(({ code, name_zh, name_en }) => ({ code, name_zh, name_en })),
    kpis,
    worst: worstItems(kpis, src.definitions, (period.hi - period.lo) / (30 * DAY_MS)),
    alerts,
    supervision,
    outages,
    pushed: null,
  }
}
