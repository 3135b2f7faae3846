// One work order's, outage's or call's timeline: every event in the order it
// happened, the SLA deadline each event met or missed marked beside it, what
// is still ahead (an open order's pending deadline and clock, an active
// outage's ETR, from the list route, judged by the server), and links to
// what it is tied to where the events carry the id: an order's outage (its
// `workorder.created` carries outage_id) and the call it came from (call_id);
// an outage's orders (the orders whose outage_id is it); a call's orders
// (those whose creation carried its call_id: a call's own events carry no
// order or outage id); and an order's or outage's alerts (alerts whose labels
// name it, from the live alert list). Event
// types, field names and enum values are in words. Opened from a list's id;
// closed back to the list.
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { duration, timeOfDay } from '../format/center-time.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t, tOr } from '../i18n/dictionary.ts'
import { useNames, useTimeZone } from '../queries/territory-query.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { severityWord } from '../alerts/alert-words.ts'
import { fetchEntityRow, fetchTimeline, type TimelineEvent } from './desk-api.ts'
import type { Drill } from './drill.ts'
import { enumWord } from './enum-words.ts'
import { SlaClock } from './list-columns.tsx'
import { SupervisionIssue } from './SupervisionIssue.tsx'

type Kind = 'workorder' | 'outage' | 'call'
const TIME_FIELDS = new Set(['etr'])
const DURATION_FIELDS = new Set(['wait_ms', 'talk_ms'])
const SHOWN_FIELDS = ['queue', 'agent_id', 'wait_ms', 'talk_ms', 'disposition', 'resolved_first_contact', 'category', 'priority', 'area_class', 'team', 'kind', 'feeder', 'customers_affected', 'key_customers_affected', 'customers_notified', 'channel', 'etr', 'to_level', 'by', 'note', 'reason', 'cause']

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

/** The alerts whose labels name this order or outage (an entity rule's alert is one per order or outage). */
function EntityAlerts({ kind, id }: { kind: 'workorder' | 'outage'; id: string }) {
  const label = `${kind}_id`
  const alerts = useAlarmStore((s) => s.alerts)
  const mine = (alerts ?? []).filter((a) => a.labels[label] === id)
  if (mine.length === 0) return null
  return (
    <span className="timeline__alerts" data-testid="link-alerts">
      {t('desk.alertsOf')}
      {mine.map((a) => (
        <Link key={a.id} to={`/desk/alerts/${encodeURIComponent(a.id)}`} data-alert-id={a.id} className={`inbox__sev inbox__sev--${a.severity}`}>
          {severityWord(a.severity)} {a.rule_name}
        </Link>
      ))}
    </span>
  )
}

/** A field's value in words: enum values through the dictionary, times in the center's zone, names of teams. */
function fieldText(field: string, value: string | number | boolean, zone: string, names: Record<string, string>): string {
  if (typeof value === 'boolean') return t(value ? 'bool.true' : 'bool.false')
  if (typeof value === 'number') return DURATION_FIELDS.has(field) ? duration(value) : String(value)
  if (TIME_FIELDS.has(field)) return timeOfDay(Date.parse(value), zone)
  if (field === 'team' || field === 'queue') return names[value] ?? value
  return enumWord(field, value)
}

function Links({ kind, events, go }: { kind: Kind; events: TimelineEvent[]; go: (next: Drill) => void }) {
  if (kind === 'call') {
    const id = String(events[0]?.fields.call_id ?? '')
    return (
      <button type="button" className="link-button" data-testid="link-call-orders" onClick={() => go({ list: 'workorders', filters: { call: id }, offset: 0, detail: `call:${id}` })}>
        {t('desk.ordersOfCall')}
      </button>
    )
  }
  if (kind === 'outage') {
    const id = String(events[0]?.fields.outage_id ?? '')
    return (
      <>
        <button type="button" className="link-button" data-testid="link-orders" onClick={() => go({ list: 'workorders', filters: { outage: id }, offset: 0, detail: null })}>
          {t('desk.ordersOfOutage')}
        </button>
        <EntityAlerts kind="outage" id={id} />
      </>
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
      {typeof call === 'string' && call !== '' && (
        <button type="button" className="link-button" data-testid="link-call" onClick={() => go({ list: 'workorders', filters: { call }, offset: 0, detail: `call:${call}` })}>
          {t('desk.linkCall', { id: call })}
        </button>
      )}
      {typeof created?.fields.workorder_id === 'string' && <EntityAlerts kind="workorder" id={created.fields.workorder_id} />}
    </>
  )
}

export function EntityTimeline({ detail, drill, go }: { detail: string; drill: Drill; go: (next: Drill) => void }) {
  const [kind, id] = detail.split(/:(.*)/s) as [Kind, string]
  const zone = useTimeZone()
  const names = useNames()
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
      {kind !== 'call' && <Pending kind={kind} id={id} tick={tick} zone={zone} />}
      <div className="timeline__links">
        {events.length > 0 && <Links kind={kind} events={events} go={go} />}
        {events.length > 0 && kind !== 'call' && <SupervisionIssue targetType={kind} targetId={id} label={`${t(`sv.target.${kind}`)} ${id}`} />}
      </div>
      <ol className="timeline__events">
        {events.map((e) => {
          const missed = e.deadline_at !== null && Date.parse(e.occurred_at) > Date.parse(e.deadline_at)
          return (
            <li key={e.event_id} className="timeline__event" data-type={e.type}>
              <time className="timeline__time">{timeOfDay(Date.parse(e.occurred_at), zone)}</time>
              <span className="timeline__type" title={e.type}>
                {tOr(`evt.${e.type}`, e.type)}
              </span>
              <span className="timeline__fields">
                {SHOWN_FIELDS.filter((f) => e.fields[f] !== undefined && e.fields[f] !== null && e.fields[f] !== '')
                  .map((f) => `${tOr(`field.${f}`, f)}: ${fieldText(f, e.fields[f]!, zone, names)}`)
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
