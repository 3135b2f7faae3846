// A bulletin as tables, in one language: what both files show, the PDF as
// text and the XLSX as numbers with a number format, so the two never
// disagree. Each cell carries its text, its raw value and, for a KPI, the
// status the server judged (the PDF colours it).
import type { AlertFigures, Bulletin, OutageFigures, SupervisionFigures } from '../../schemas/bulletins.ts'
import { KPI_REGISTRY, type KpiId, type KpiStatus, type KpiUnit } from '../../schemas/kpis.ts'
import type { Speaker } from './bulletin-words.ts'

export interface TableCell {
  text: string
  value: string | number | null
  /** An Excel number format for a number. */
  format?: string
  status?: KpiStatus
}

export interface BulletinTable {
  /** A sheet's name (at most 31 characters). */
  sheet: string
  title: string
  columns: string[]
  /** Relative column widths (the PDF scales them to the page; the XLSX uses them as characters). */
  widths: number[]
  rows: TableCell[][]
}

const EXCEL_FORMAT: Record<KpiUnit, string> = {
  ratio: '0.0%', seconds: '0.0', minutes: '0.0', permille: '0.00', per_million: '0.0', count: '0', customers: '0', agents: '0',
}

const text = (t: string): TableCell => ({ text: t, value: t })
const int = (n: number, s: Speaker): TableCell => ({ text: s.number(n, 0), value: n, format: '0' })
const dec = (n: number | null, s: Speaker): TableCell => ({ text: s.number(n), value: n, format: '0.0' })
const pct = (n: number | null, s: Speaker, status?: KpiStatus): TableCell => ({ text: s.percent(n), value: n, format: '0.0%', ...(status ? { status } : {}) })
const kpiCell = (id: KpiId, value: number | null, s: Speaker, status?: KpiStatus): TableCell => ({ text: s.value(id, value), value, format: EXCEL_FORMAT[KPI_REGISTRY[id].unit], ...(status ? { status } : {}) })

function summary(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  const ack = b.alerts.total.ack_minutes_avg
  const rows: Array<[string, string]> = [
    [w.bulletin, s.title(b)],
    [w.periodLabel, w.period(b.period_start, b.period_end)],
    [w.zone, b.time_zone],
    [w.generatedLabel, w.generated(s.instant(b.generated_at, b.time_zone), b.generated_by)],
    [w.fields.alerts, w.alertsLine(b.alerts.total.fired, ack === null ? '—' : w.minutes(s.number(ack)))],
    [w.fields.supervision, w.supervisionLine(b.supervision.total.issued, s.percent(b.supervision.total.timeliness))],
    [w.fields.outages, w.outagesLine(b.outages.total.started, b.outages.total.customers_affected, s.number(b.outages.total.customer_minutes_lost, 0))],
    [w.fields.red, w.redLine(b.worst.filter((x) => x.status === 'red').length)],
  ]
  return { sheet: w.kind[b.kind].slice(0, 31), title: w.period(b.period_start, b.period_end), columns: ['', ''], widths: [16, 60], rows: rows.map(([k, v]) => [text(k), text(v)]) }
}

function kpis(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  return {
    sheet: w.sections.kpis.slice(0, 31),
    title: w.sections.kpis,
    columns: [w.kpi, w.target, w.total, ...b.regions.map((r) => s.region(r.code))],
    widths: [14, 7, 7, ...b.regions.map(() => 7)],
    rows: b.kpis.map((k) => [
      text(s.kpi(k.id)),
      k.target === null ? text('—') : kpiCell(k.id, k.target, s),
      kpiCell(k.id, k.total.value, s, k.total.status),
      ...b.regions.map((r) => (k.regions[r.code] ? kpiCell(k.id, k.regions[r.code].value, s, k.regions[r.code].status) : text('—'))),
    ]),
  }
}

function worst(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  return {
    sheet: w.sections.worst.slice(0, 31),
    title: w.sections.worst,
    columns: [w.region, w.kpi, w.value, w.target, w.statusCol, w.volume],
    widths: [12, 16, 10, 10, 8, 8],
    rows: b.worst.map((x) => [
      text(s.region(x.region)), text(s.kpi(x.kpi)), kpiCell(x.kpi, x.value, s, x.status), x.target === null ? text('—') : kpiCell(x.kpi, x.target, s),
      { text: w.status[x.status], value: w.status[x.status], status: x.status }, x.volume === null ? text('—') : int(x.volume, s),
    ]),
  }
}

const alertCells = (f: AlertFigures, s: Speaker): TableCell[] => [
  int(f.fired, s), int(f.acknowledged, s), int(f.resolved, s), dec(f.ack_minutes_avg, s), dec(f.ack_minutes_max, s), dec(f.resolve_minutes_avg, s),
]

function alerts(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  return {
    sheet: w.fields.alerts,
    title: w.sections.alerts,
    columns: [w.rule, w.region, w.fired, w.acknowledged, w.resolved, w.ackAvg, w.ackMax, w.resolveAvg],
    widths: [20, 10, 6, 6, 6, 9, 9, 9],
    rows: [
      ...b.alerts.rows.map((r) => [text(r.rule_name), text(s.region(r.region)), ...alertCells(r, s)]),
      [text(w.total), text(''), ...alertCells(b.alerts.total, s)],
    ],
  }
}

const supervisionCells = (f: SupervisionFigures, s: Speaker): TableCell[] => [int(f.issued, s), int(f.due, s), int(f.on_time, s), pct(f.timeliness, s, f.status)]

function supervision(b: Bulletin, s: Speaker, by: 'region' | 'team'): BulletinTable {
  const w = s.w
  const rows = by === 'region' ? b.supervision.by_region.map((r) => [text(s.region(r.region)), ...supervisionCells(r, s)]) : b.supervision.by_team.map((r) => [text(s.team(r.team)), ...supervisionCells(r, s)])
  return {
    sheet: `${w.fields.supervision}-${by === 'region' ? w.region : w.team}`.slice(0, 31),
    title: `${w.sections.supervision} · ${by === 'region' ? w.region : w.team}`,
    columns: [by === 'region' ? w.region : w.team, w.issued, w.due, w.onTime, w.timeliness],
    widths: [16, 8, 8, 8, 8],
    rows: [...rows, [text(w.total), ...supervisionCells(b.supervision.total, s)]],
  }
}

const outageCells = (f: OutageFigures, s: Speaker): TableCell[] => [
  int(f.started, s), int(f.customers_affected, s), int(f.key_customers_affected, s), int(f.restored, s), int(f.active_at_end, s), dec(f.minutes_lost, s), int(Math.round(f.customer_minutes_lost), s),
]

function outages(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  return {
    sheet: w.fields.outages,
    title: w.sections.outages,
    columns: [w.region, w.started, w.customers, w.keyCustomers, w.restoredN, w.activeAtEnd, w.minutesLost, w.customerMinutes],
    widths: [12, 7, 8, 7, 7, 8, 8, 10],
    rows: [...b.outages.by_region.map((r) => [text(s.region(r.region)), ...outageCells(r, s)]), [text(w.total), ...outageCells(b.outages.total, s)]],
  }
}

function largest(b: Bulletin, s: Speaker): BulletinTable {
  const w = s.w
  return {
    sheet: `${w.fields.outages}-${w.outage}`.slice(0, 31),
    title: `${w.sections.outages} · ${w.customerMinutes}`,
    columns: [w.outage, w.region, w.kind_, w.feeder, w.startedAt, w.restoredAt, w.customers, w.minutesLost, w.customerMinutes],
    widths: [10, 9, 9, 9, 12, 12, 7, 7, 9],
    rows: b.outages.largest.map((o) => [
      text(o.outage_id), text(s.region(o.region)), text(s.term(o.kind)), text(o.feeder), text(s.instant(o.started_at, b.time_zone)),
      text(o.restored_at === null ? '—' : s.instant(o.restored_at, b.time_zone)), int(o.customers_affected, s), dec(o.minutes_lost, s), int(Math.round(o.customer_minutes_lost), s),
    ]),
  }
}

/** Every table of a bulletin, in the order the files show them. */
export function bulletinTables(b: Bulletin, s: Speaker): BulletinTable[] {
  return [summary(b, s), kpis(b, s), worst(b, s), alerts(b, s), supervision(b, s, 'region'), supervision(b, s, 'team'), outages(b, s), largest(b, s)]
}
