// The list behind a figure: tabs for the four lists, the filters, a page of
// rows from the server (refreshed at every tick of the live snapshot, held
// still while the reader's pointer is on the rows), paging, and exports of
// the filtered list as CSV and XLSX.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { timeOfDay } from '../format/center-time.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { useNames, useTimeZone } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { exportHref, fetchList, KEYED, listKey } from './desk-api.ts'
import { DrillFilters } from './DrillFilters.tsx'
import { LISTS, PAGE_SIZE, TAB_DEFAULTS, type Drill } from './drill.ts'
import { useHeldWhileReading } from './held-while-reading.ts'
import { COLUMNS } from './list-columns.tsx'

export function DrillList({ drill, go }: { drill: Drill; go: (next: Drill) => void }) {
  const queryClient = useQueryClient()
  const tick = useSnapshotStore((s) => s.snapshot?.tick)
  // When the rows were read, on the server's clock (as every time on the screens).
  const serverOffsetMs = useSnapshotStore((s) => s.serverOffsetMs)
  const names = useNames()
  const zone = useTimeZone()
  const query = useQuery({
    queryKey: listKey(drill),
    queryFn: ({ signal }) => fetchList(drill, signal),
    placeholderData: keepPreviousData,
  })
  // Each tick of the live snapshot refreshes the list: the rows change when the figures do.
  useEffect(() => {
    if (tick !== undefined) void queryClient.invalidateQueries({ queryKey: ['desk-list'] })
  }, [tick, queryClient])
  const key = JSON.stringify(listKey(drill))
  const held = useHeldWhileReading(key, query.isPlaceholderData ? undefined : query.data)
  const page = held.shown ?? query.data
  // Rows of the previous filters stay on screen, dimmed, until the new ones come: they are not counted as the answer.
  const answered = page !== undefined && !query.isPlaceholderData
  const columns = COLUMNS[drill.list]
  const open = (detail: string) => go({ ...drill, detail })
  const total = page?.total ?? 0
  const first = total === 0 ? 0 : drill.offset + 1
  const last = Math.min(total, drill.offset + PAGE_SIZE)

  return (
    <section className="drill" data-testid="drill" data-list={drill.list} data-state={query.isError ? 'error' : answered ? 'ready' : 'loading'}>
      <div className="drill__bar">
        <nav className="drill__tabs" role="tablist">
          {LISTS.map((list) => (
            <button
              key={list}
              type="button"
              role="tab"
              aria-selected={list === drill.list}
              className={`drill__tab${list === drill.list ? ' drill__tab--on' : ''}`}
              onClick={() => go({ list, filters: TAB_DEFAULTS[list], offset: 0, detail: null })}
            >
              {t(`desk.list.${list}` as WordKey)}
            </button>
          ))}
        </nav>
        <span className="drill__count" data-testid="drill-total" data-total={answered ? String(total) : ''}>
          {answered ? t('desk.total', { n: total }) : t('desk.loading')}
        </span>
        <span className="drill__exports">
          {t('desk.export')}
          <a className="button" href={exportHref(drill, 'csv')} download data-testid="export-csv">
            CSV
          </a>
          <a className="button" href={exportHref(drill, 'xlsx')} download data-testid="export-xlsx">
            XLSX
          </a>
        </span>
      </div>
      <DrillFilters drill={drill} onChange={(filters) => go({ ...drill, filters, offset: 0, detail: null })} />
      <div className="drill__status">
        {query.isError && <ErrorNote error={query.error} />}
        {held.held && (
          <span className="drill__held" data-testid="drill-held">
            {t('desk.held')}
            <button type="button" className="button button--quiet" onClick={held.showLatest}>
              {t('desk.showUpdates')}
            </button>
          </span>
        )}
        {query.dataUpdatedAt > 0 && !held.held && <span className="drill__updated">{t('desk.updated', { t: timeOfDay(query.dataUpdatedAt - serverOffsetMs, zone) })}</span>}
      </div>
      <div
        className={`drill__rows${answered ? '' : ' drill__rows--stale'}`}
        onPointerEnter={() => held.setReading(true)}
        onPointerLeave={() => held.setReading(false)}
        onFocus={() => held.setReading(true)}
        onBlur={() => held.setReading(false)}
      >
        {!page && !query.isError && <p className="drill__message">{t('desk.loading')}</p>}
        {page && page.items.length === 0 && <p className="drill__message" data-testid="drill-empty">{t('desk.empty')}</p>}
        {page && page.items.length > 0 && (
          <table className="drill__table" data-testid="drill-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.word} className={c.className}>
                    {t(c.word)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => {
                const id = String(row[KEYED[drill.list]])
                return (
                  <tr key={id} data-row={id} className={row.overdue === true || row.etr_overrun === true ? 'row--alarm' : row.at_risk === true ? 'row--warn' : ''}>
                    {columns.map((c) => (
                      <td key={c.word} className={c.className}>
                        {c.cell(row, { names, zone, open })}
                      </td>
                    ))}
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </div>
      {drill.list !== 'queues' && total > PAGE_SIZE && (
        <div className="drill__pager">
          <button type="button" className="button" disabled={drill.offset === 0} onClick={() => go({ ...drill, offset: Math.max(0, drill.offset - PAGE_SIZE) })}>
            {t('desk.prev')}
          </button>
          <span>{t('desk.pageOf', { a: first, b: last })}</span>
          <button type="button" className="button" disabled={last >= total} onClick={() => go({ ...drill, offset: drill.offset + PAGE_SIZE })}>
            {t('desk.next')}
          </button>
        </div>
      )}
    </section>
  )
}
