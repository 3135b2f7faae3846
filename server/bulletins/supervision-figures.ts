// A bulletin's supervision orders (督办): the orders first issued within the
// period (migration 014; the desk's list counts the same by created_at), the
// replies, closings and returns within it (the events), and their
// timeliness: the supervision_timeliness KPI over the period, by region from
// the KPI figures and by team with the registry's own formula over the same
// rollup's sums (kpi_supervision_1m keeps the team).
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime } from '../../core/time-format.ts'
import type { BulletinCell, BulletinSupervision, SupervisionFigures } from '../../schemas/bulletins.ts'
import type { KpiDefinition } from '../../schemas/kpis.ts'
import { judgeCell, type PeriodKpi, type Span } from '../kpi/period-figures.ts'

type Params = Record<string, string>

async function rows<T>(client: ClickHouseClient, query: string, params: Params): Promise<T[]> {
  return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>()
}

function figures(issued: number, due: number, onTime: number, cell: BulletinCell): SupervisionFigures {
  return { issued, due, on_time: onTime, timeliness: cell.value, status: cell.status }
}

export async function supervisionFigures(client: ClickHouseClient, span: Span, kpis: readonly PeriodKpi[], def: KpiDefinition, regionCodes: readonly string[]): Promise<BulletinSupervision> {
  const params = { lo: chTime(span.lo), hi: chTime(span.hi) }
  const minute = { lo: params.lo.slice(0, 19), hi: params.hi.slice(0, 19) }
  const [issued, answers, deadlines] = await Promise.all([
    rows<{ region: string; team: string; n: string }>(
      client,
      `SELECT region, team, count() AS n FROM (
         SELECT supervision_id, region, team, min(first_issued_at) AS first FROM supervision_orders GROUP BY supervision_id, region, team)
       WHERE first >= {lo:DateTime64(3, 'UTC')} AND first < {hi:DateTime64(3, 'UTC')}
       GROUP BY region, team`,
      params,
    ),
    rows<{ replied: string; closed: string; returned: string }>(
      client,
      `SELECT countIf(type = 'supervision.replied') AS replied,
          countIf(type = 'supervision.closed' AND outcome = 'accepted') AS closed,
          countIf(type = 'supervision.closed' AND outcome = 'returned') AS returned
       FROM events
       WHERE type IN ('supervision.replied', 'supervision.closed')
         AND occurred_at >= {lo:DateTime64(3, 'UTC')} AND occurred_at < {hi:DateTime64(3, 'UTC')}`,
      params,
    ),
    rows<{ region: string; team: string; due: string; on_time: string }>(
      client,
      `SELECT region, team, sum(due) AS due, sum(on_time) AS on_time FROM kpi_supervision_1m
       WHERE minute >= {lo:DateTime('UTC')} AND minute < {hi:DateTime('UTC')}
       GROUP BY region, team`,
      minute,
    ),
  ])
  const kpi = kpis.find((k) => k.id === 'supervision_timeliness')!
  type Keyed = { region: string; team: string }
  const sum = <T extends Keyed>(list: readonly T[], pick: (r: Keyed) => boolean, value: (r: T) => string) => list.filter(pick).reduce((n, r) => n + Number(value(r)), 0)
  const of = (pick: (r: Keyed) => boolean, cell: BulletinCell) =>
    figures(sum(issued, pick, (r) => r.n), sum(deadlines, pick, (r) => r.due), sum(deadlines, pick, (r) => r.on_time), cell)
  const answered = answers[0] ?? { replied: '0', closed: '0', returned: '0' }
  const teams = [...new Set([...issued.map((r) => r.team), ...deadlines.map((r) => r.team)])].sort()
  return {
    total: { ...of(() => true, kpi.total), replied: Number(answered.replied), closed: Number(answered.closed), returned: Number(answered.returned) },
    by_region: regionCodes.map((region) => ({ region, ...of((r) => r.region === region, kpi.regions[region]) })).filter((r) => r.issued > 0 || r.due > 0),
    by_team: teams.map((team) => {
      const mine = (r: Keyed) => r.team === team
      const sums = { supervisions_due: sum(deadlines, mine, (r) => r.due), supervisions_replied_on_time: sum(deadlines, mine, (r) => r.on_time) }
      return { team, ...of(mine, judgeCell(def, sums, null, 1, true)) }
    }),
  }
}
