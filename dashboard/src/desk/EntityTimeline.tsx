// One work order's or outage's timeline: every event in the order it
// happened, the SLA deadline each event met or missed marked beside it, what
// is still ahead (an open order's pending deadline and clock, an active
// outage's ETR, from the list route, judged by the server), and links to what it is tied to (an order's outage and call; an outage's
// orders). Opened from a list's id; closed back to the list.
import { useQuery } from '@tanstack/react-query'
import { timeOfDay } from '../format/center-time.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t, tOr } from '../i18n/dictionary.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { fetchEntityRow, fetchTimeline, type TimelineEvent } from './desk-api.ts'
import type { Drill } from './drill.ts'
import { SlaClock } from './list-columns.tsx'
import { SupervisionIssue } from './SupervisionIssue.tsx'

const SHOWN_FIELDS = ['category', 'priority', 'area_class', 'team', 'kind', 'feeder', 'customers_affected', 'key_customers_affected', 'customers_notified', 'channel', 'etr', 'to_level', 'by', 'note', 'reason', 'cause']

/** What is still ahead: an open order's pending deadline with its clock, an active outage's ETR. */
function Pending({ kind, id, tick, zone }: { kind: 'workorder' | 'outage'; id: string; tick: number | undefined; zone: string }) {
  const { data: row } = useQuery({
    queryKey: ['desk-entity', kind, id, tick],
    queryFn: ({ signal }) => fetchEntityRow(kind, id, signal),
    placeholderData: (previous) => previous,
  })
  if (!row) return null
  if (kind === 'workorder') {
    if (typeof row.due_at !== 'string') return null
    const milestone = tOr(`milestone.${String(row.milestone)}`, String(row.milestone))
    return (
      <p className="timeline__pending" data-testid="timeline-pending">
        {t('desk.pending', { m: milestone, t: timeOfDay(Date.parse(row.due_at), zone) })} · <SlaClock row={row} />
      </p>
    )
  }
  if (row.active !== true || typeof row.etr !== 'string') return null
  return (
    <p className={`timeline__pending${row.etr_overrun === true ? ' sla--overdue' : ''}`} data-testid="timeline-pending">
      {row.etr_overrun === true ? '■ ' : ''}
      {t('desk.etrAt', { t: timeOfDay(Date.parse(row.etr), zone) })}
    </p>
  )
}

function Links({ kind, events, go }: { kind: 'workorder' | 'outage'; events: TimelineEvent[]; go: (next: Drill) => void }) {
  if (kind === 'outage') {
    const id = String(events[0]?.fields.outage_id ?? '')
    return (
      <button type="button" className="link-button" data-testid="link-orders" onClick={() => go({ list: 'workorders', filters: { outage: id }, offset: 0, detail: null })}>
        {t('desk.ordersOfOutage')}
      </button>
    )
  }
  const created = events.find((e) => e.type === 'workorder.created')
  const outage = created?.fields.outage_id
  const call = created?.fields.call_id
  return (
    <>
      {typeof outage === 'string' && outage !== '' && (
        <button type="button" className="link-button" data-testid="link-outage" onClick={() => go({ list: 'outages', filters: { q: outage }, offset: 0, detail: `outage:${outage}` })}>
          {t('desk.linkOutage', { id: outage })}
        </button>
      )}
      {typeof call === 'string' && call !== '' && <span className="timeline__call">{t('desk.linkCall', { id: call })}</span>}
    </>
  )
}

export function EntityTimeline({ detail, drill, go }: { detail: string; drill: Drill; go: (next: Drill) => void }) {
  const [kind, id] = detail.split(/:(.*)/s) as ['workorder' | 'outage', string]
  const zone = useTimeZone()
  const tick = useSnapshotStore((s) => s.snapshot?.tick)
  const query = useQuery({
    queryKey: ['desk-timeline', kind, id, tick],
    queryFn: ({ signal }) => fetchTimeline(kind, id, signal),
    placeholderData: (previous) => previous,
  })
  const now = useSnapshotStore((s) => (s.snapshot ? Date.parse(s.snapshot.computed_at) : null))
  const events = query.data?.events ?? []
  return (
    <aside className="timeline" data-testid="timeline" data-entity={detail}>
      <header className="timeline__head">
        <h2>
          {t('desk.timeline')} · {id}
        </h2>
        <button type="button" className="button button--quiet" onClick={() => go({ ...drill, detail: null })}>
          {t('desk.close')}
        </button>
      </header>
      {query.isError && <ErrorNote error={query.error} />}
      {query.isPending && <p className="drill__message">{t('desk.loading')}</p>}
      {query.data && events.length === 0 && <p className="drill__message">{t('desk.noEvents')}</p>}
      <Pending kind={kind} id={id} tick={tick} zone={zone} />
      <div className="timeline__links">
        {events.length > 0 && <Links kind={kind} events={events} go={go} />}
        {events.length > 0 && <SupervisionIssue targetType={kind} targetId={id} label={`${t(`sv.target.${kind}`)} ${id}`} />}
      </div>
      <ol className="timeline__events">
        {events.map((e) => {
          const missed = e.deadline_at !== null && Date.parse(e.occurred_at) > Date.parse(e.deadline_at)
          return (
            <li key={e.event_id} className="timeline__event" data-type={e.type}>
              <time className="timeline__time">{timeOfDay(Date.parse(e.occurred_at), zone)}</time>
              <span className="timeline__type">{e.type}</span>
              <span className="timeline__fields">
                {SHOWN_FIELDS.filter((f) => e.fields[f] !== undefined && e.fields[f] !== null && e.fields[f] !== '')
                  .map((f) => `${f}: ${String(e.fields[f])}`)
                  .join(' · ')}
              </span>
              {e.deadline_at && (
                <span className={`timeline__deadline${missed ? ' timeline__deadline--missed' : ''}`}>
                  {t('desk.deadline', { t: timeOfDay(Date.parse(e.deadline_at), zone) })}
                  {missed && t('desk.deadlineMissed')}
                </span>
              )}
            </li>
          )
        })}
      </ol>
      {now === null ? null : <p className="hint timeline__note">{t('fresh.asOf', { t: timeOfDay(now, zone) })}</p>}
    </aside>
  )
}
