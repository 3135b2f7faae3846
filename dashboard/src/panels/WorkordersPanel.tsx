// Work orders: how many are open, overdue and about to breach, and the
// supervision orders (督办) waiting for a team's reply; the open
// backlog by category and status; and the overdue and at-risk orders
// themselves, scrolling slowly when they do not fit.
import { useMemo } from 'react'
import type { WorkorderBrief } from '../../../schemas/snapshot.ts'
import type { EChartsCoreOption } from '../charts/echarts.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { duration } from '../format/center-time.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { t, tOr } from '../i18n/dictionary.ts'
import { useNames } from '../queries/territory-query.ts'
import { useNow } from '../stores/clock-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'
import { LoopingItems, SCROLLING_LIST } from './LoopingItems.tsx'

const STATUSES = ['created', 'dispatched', 'accepted', 'in_progress', 'resolved', 'reopened'] as const
const STATUS_COLOR: Record<(typeof STATUSES)[number], string> = {
  created: '#5b8def',
  dispatched: '#3fb6ff',
  accepted: '#35c6b0',
  in_progress: '#2ecf77',
  resolved: '#a0b4d0',
  reopened: '#ff7a45',
}

type Row = WorkorderBrief & { kind: 'overdue' | 'at_risk' }

function Counts() {
  const windows = useSnapshotStore((s) => s.snapshot?.windows.today)
  const supervisions = useSnapshotStore((s) => s.snapshot?.supervisions)
  const items = [
    { key: 'open', word: t('wo.open'), cell: windows?.workorders_open_now },
    { key: 'overdue', word: t('wo.overdue'), cell: windows?.workorders_overdue_now },
    { key: 'at_risk', word: t('wo.atRisk'), cell: windows?.workorders_at_risk_now },
  ]
  return (
    <div className="wo-counts">
      {items.map(({ key, word, cell }) => (
        <span key={key} className={`wo-counts__item wo-counts__item--${key} status-text--${cell?.status ?? 'none'}`}>
          {word} <b>{cell?.value === null || cell?.value === undefined ? '—' : formatNumber(cell.value)}</b>
        </span>
      ))}
      {supervisions && (
        <span className="wo-counts__item wo-counts__item--supervision" data-testid="supervision-counts">
          {t('wo.supervisions')} <b>{formatNumber(supervisions.open)}</b>
          {supervisions.overdue > 0 && (
            <>
              {' '}
              {t('wo.supervisionsOverdue')} <b>{formatNumber(supervisions.overdue)}</b>
            </>
          )}
        </span>
      )}
    </div>
  )
}

function Backlog() {
  const backlog = useSnapshotStore((s) => s.snapshot?.current.workorders.open_by_category_status)
  const { ref, font } = useChartBox()
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!backlog) return null
    const categories = Object.keys(backlog).sort(
      (a, b) => Object.values(backlog[a]).reduce((x, y) => x + y, 0) - Object.values(backlog[b]).reduce((x, y) => x + y, 0),
    )
    const labels = categories.map((c) => tOr(`cat.${c}`, c))
    return {
      grid: { left: 12, right: 24, top: font * 2.2, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      legend: { top: 0, left: 0, itemWidth: font, itemHeight: font * 0.75, textStyle: { color: '#c9d7ee', fontSize: font - 2 } },
      xAxis: { type: 'value', axisLabel: { color: '#9fb3d1', fontSize: font - 3 }, splitLine: { lineStyle: { color: '#1f2f48' } } },
      yAxis: {
        type: 'category',
        data: labels,
        axisLabel: { color: '#dbe6f7', fontSize: font },
        axisTick: { show: false },
      },
      series: STATUSES.map((status) => ({
        type: 'bar',
        name: tOr(`wostatus.${status}`, status),
        stack: 'open',
        barMaxWidth: font * 1.3,
        itemStyle: { color: STATUS_COLOR[status] },
        data: categories.map((c) => backlog[c]?.[status] ?? 0),
      })),
    }
  }, [backlog, font])
  useEChart(ref, option)
  const empty = backlog !== undefined && Object.keys(backlog).length === 0
  return (
    <div className="wo-backlog">
      <div className="section-title">{t('wo.backlog')}</div>
      <div className="wo-backlog__chart">
        <div ref={ref} className="chart-box__chart" />
        {empty && <PanelMessage>{t('wo.noBacklog')}</PanelMessage>}
      </div>
    </div>
  )
}

const rowKey = (row: Row) => `${row.kind}:${row.workorder_id}`

function OrderRow({ row, gone, now, names }: { row: Row; gone: boolean; now: number; names: Record<string, string> }) {
  const due = Date.parse(row.due_at)
  const late = row.kind === 'overdue'
  return (
    <div className={`wo-row wo-row--${row.kind}${gone ? ' wo-row--gone' : ''}`}>
      <span className="wo-row__badge">{late ? `■ ${t('wo.overdue')}` : `▲ ${t('wo.atRisk')}`}</span>
      <span className="wo-row__id">{row.workorder_id}</span>
      <span className="wo-row__cat">{tOr(`cat.${row.category}`, row.category)}</span>
      <span className="wo-row__region">{names[row.region] ?? row.region}</span>
      <span className="wo-row__milestone">{tOr(`milestone.${row.milestone}`, row.milestone)}</span>
      <span className="wo-row__time">{late ? t('wo.overdueBy', { d: duration(now - due) }) : t('wo.leftFor', { d: duration(due - now) })}</span>
    </div>
  )
}

function Orders() {
  const overdue = useSnapshotStore((s) => s.snapshot?.current.workorders.overdue)
  const atRisk = useSnapshotStore((s) => s.snapshot?.current.workorders.at_risk)
  const now = useNow()
  const names = useNames()
  const rows = useMemo<Row[]>(
    () => [...(overdue ?? []).map((w) => ({ ...w, kind: 'overdue' as const })), ...(atRisk ?? []).map((w) => ({ ...w, kind: 'at_risk' as const }))],
    [overdue, atRisk],
  )
  return (
    <div className="wo-list">
      <div className="section-title">{t('wo.list')}</div>
      {rows.length === 0 ? (
        <div className="wo-list__none">● {t('wo.none')}</div>
      ) : (
        <LoopingItems
          look={SCROLLING_LIST}
          items={rows}
          keyOf={rowKey}
          render={(row, gone) => <OrderRow key={rowKey(row)} row={row} gone={gone} now={now} names={names} />}
        />
      )}
    </div>
  )
}

export function WorkordersPanel({ title }: { title: string | null }) {
  const ready = useSnapshotStore((s) => s.snapshot !== null)
  return (
    <PanelFrame type="workorders" title={title} ready={ready} aside={<Counts />}>
      {ready ? (
        <div className="wo">
          {!title && <Counts />}
          <Backlog />
          <Orders />
        </div>
      ) : (
        <PanelMessage>{t('fresh.connecting')}</PanelMessage>
      )}
    </PanelFrame>
  )
}
