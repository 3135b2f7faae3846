// The columns of each drill-down list: what a cell shows of a row as the
// server sent it. The SLA clock shows what the server judged (overdue, at
// risk, time left at the moment it answered); the desk does not re-judge.
// Enum values (category, status, priority, kind, state) and team and region
// codes are shown in words.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { duration, hoursMinutes } from '../format/center-time.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { t, tOr, type WordKey } from '../i18n/dictionary.ts'
import type { ListId } from './drill.ts'
import { enumWord } from './enum-words.ts'

export type Row = Record<string, unknown>

export interface CellContext {
  names: Record<string, string>
  zone: string
  /** Opens a timeline (`workorder:<id>`, `outage:<id>`) or a supervision order (`supervision:<id>`). */
  open: (detail: string) => void
}

export interface Column {
  word: WordKey
  cell: (row: Row, ctx: CellContext) => ReactNode
  className?: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const time = (v: unknown, zone: string) => (typeof v === 'string' ? hoursMinutes(Date.parse(v), zone) : '—')

/** An order's SLA clock as the server judged it when it answered. */
export function SlaClock({ row }: { row: Row }) {
  const left = typeof row.sla_left_ms === 'number' ? row.sla_left_ms : null
  if (left === null) return <span className="sla sla--none">{t('sla.none')}</span>
  const milestone = tOr(`milestone.${str(row.milestone)}`, str(row.milestone))
  if (row.overdue === true)
    return (
      <span className="sla sla--overdue" data-sla="overdue">
        ■ {milestone} {t('wo.overdueBy', { d: duration(-left) })}
      </span>
    )
  return (
    <span className={`sla ${row.at_risk === true ? 'sla--risk' : 'sla--ok'}`} data-sla={row.at_risk === true ? 'at_risk' : 'ok'}>
      {row.at_risk === true ? '▲' : '●'} {milestone} {t('wo.leftFor', { d: duration(left) })}
    </span>
  )
}

const idButton = (kind: 'workorder' | 'outage' | 'supervision', id: string, ctx: CellContext, label = id) => (
  <button type="button" className="link-button" onClick={() => ctx.open(`${kind}:${id}`)}>
    {label}
  </button>
)

/** What an order supervises: an order's or outage's timeline, or the alert's page. */
function SupervisionTarget({ row, ctx }: { row: Row; ctx: CellContext }) {
  const type = str(row.target_type)
  const id = str(row.target_id)
  const word = tOr(`sv.target.${type}`, type)
  if (type === 'alert')
    return (
      <Link className="link-button" to={`/desk/alerts/${encodeURIComponent(id)}`}>
        {word} {id.slice(0, 8)}
      </Link>
    )
  return (
    <>
      {word} {idButton(type === 'outage' ? 'outage' : 'workorder', id, ctx)}
    </>
  )
}

/** A supervision order's reply deadline, and whether the server found it missed. */
function ReplyDue({ row, zone }: { row: Row; zone: string }) {
  const answered = row.state === 'replied' || row.state === 'closed'
  return (
    <span className={`sla ${row.overdue === true ? 'sla--overdue' : answered ? 'sla--none' : 'sla--ok'}`} data-sla={row.overdue === true ? 'overdue' : answered ? 'answered' : 'ok'}>
      {row.overdue === true ? '■ ' : ''}
      {time(row.due_at, zone)}
      {answered ? ` · ${t('sv.answered')}` : ''}
    </span>
  )
}

export const COLUMNS: Record<ListId, Column[]> = {
  workorders: [
    { word: 'col.id', cell: (r, c) => idButton('workorder', str(r.workorder_id), c), className: 'col-id' },
    { word: 'col.sla', cell: (r) => <SlaClock row={r} /> },
    { word: 'col.region', cell: (r, c) => c.names[str(r.region)] ?? str(r.region) },
    { word: 'col.category', cell: (r) => enumWord('category', str(r.category)) },
    { word: 'col.status', cell: (r) => enumWord('status', str(r.status)) },
    { word: 'col.priority', cell: (r) => enumWord('priority', str(r.priority)) },
    { word: 'col.team', cell: (r, c) => (str(r.team) ? (c.names[str(r.team)] ?? str(r.team)) : '—') },
    { word: 'col.created', cell: (r, c) => time(r.created_at, c.zone) },
  ],
  outages: [
    { word: 'col.id', cell: (r, c) => idButton('outage', str(r.outage_id), c), className: 'col-id' },
    { word: 'col.region', cell: (r, c) => c.names[str(r.region)] ?? str(r.region) },
    { word: 'col.kind', cell: (r) => enumWord('kind', str(r.kind)) },
    { word: 'col.feeder', cell: (r) => str(r.feeder) },
    { word: 'col.customers', cell: (r) => formatNumber(Number(r.customers_affected)), className: 'num' },
    { word: 'col.key', cell: (r) => (Number(r.key_customers_affected) > 0 ? <b className="key">{formatNumber(Number(r.key_customers_affected))}</b> : '0'), className: 'num' },
    { word: 'col.started', cell: (r, c) => time(r.started_at, c.zone) },
    {
      word: 'col.etr',
      cell: (r, c) =>
        r.active !== true ? (
          <span className="sla sla--none">{t('sla.restored')}</span>
        ) : (
          <span className={r.etr_overrun === true ? 'sla sla--overdue' : 'sla'} data-sla={r.etr_overrun === true ? 'overrun' : 'ok'}>
            {r.etr_overrun === true ? '■ ' : ''}
            {time(r.etr, c.zone)}
          </span>
        ),
    },
  ],
  agents: [
    { word: 'col.id', cell: (r) => str(r.agent_id), className: 'col-id' },
    { word: 'col.team', cell: (r, c) => c.names[str(r.team)] ?? str(r.team) },
    { word: 'col.state', cell: (r) => enumWord('state', str(r.state)) },
    { word: 'col.inState', cell: (r) => duration(Number(r.state_seconds) * 1000), className: 'num' },
    { word: 'col.region', cell: (r, c) => c.names[str(r.region)] ?? (str(r.region) || '—') },
  ],
  supervisions: [
    { word: 'col.id', cell: (r, c) => idButton('supervision', str(r.id), c, str(r.id).slice(0, 8)), className: 'col-id' },
    { word: 'col.state', cell: (r) => tOr(`sv.state.${str(r.state)}`, str(r.state)) },
    { word: 'col.due', cell: (r, c) => <ReplyDue row={r} zone={c.zone} /> },
    { word: 'col.target', cell: (r, c) => <SupervisionTarget row={r} ctx={c} /> },
    { word: 'col.team', cell: (r) => str(r.team) },
    { word: 'col.region', cell: (r, c) => c.names[str(r.region)] ?? str(r.region) },
    { word: 'col.reason', cell: (r) => str(r.reason), className: 'col-text' },
    { word: 'col.issuedBy', cell: (r) => str(r.issued_by) },
  ],
  queues: [
    { word: 'col.queue', cell: (r) => str(r.name) || str(r.queue) },
    { word: 'col.waiting', cell: (r) => formatNumber(Number(r.waiting)), className: 'num' },
    { word: 'col.longest', cell: (r) => (typeof r.longest_wait_seconds === 'number' ? duration(r.longest_wait_seconds * 1000) : '—'), className: 'num' },
  ],
}
