// One supervision order beside the list: what it supervises and asks, its
// deadline as the server judged it, the team's reply, every step of its
// history, and (officer and up) accepting a replied order or returning it
// for rework with a comment. It is read again at every tick of the live
// snapshot, so the team's answer arriving through ingest shows by itself.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { SupervisionOutcome } from '../../../schemas/events.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import type { SupervisionView } from '../../../schemas/supervision.ts'
import { ApiError } from '../api/http.ts'
import { longDate, timeOfDay } from '../format/center-time.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t, tOr } from '../i18n/dictionary.ts'
import { useNames, useTimeZone } from '../queries/territory-query.ts'
import { usePerson } from '../stores/session-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import type { Drill } from './drill.ts'
import { COLUMNS } from './list-columns.tsx'
import { closeSupervision, fetchSupervision, supervisionKey } from './supervision-api.ts'

function CloseForm({ order, onDone }: { order: SupervisionView; onDone: () => void }) {
  const person = usePerson()
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState<SupervisionOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (order.state !== 'replied' || !person || !roleIncludes(person.role, 'officer')) return null
  const run = async (outcome: SupervisionOutcome) => {
    if (outcome === 'returned' && !comment.trim()) {
      setError(t('sv.returnNeedsComment'))
      return
    }
    setBusy(outcome)
    setError(null)
    try {
      await closeSupervision(order.id, outcome, comment)
      setComment('')
      onDone()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="sv-close" data-testid="supervision-close">
      <textarea aria-label={t('sv.closeComment')} placeholder={t('sv.closeComment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
      {error && (
        <p className="alert-actions__error" role="alert">
          {error}
        </p>
      )}
      <div className="sv-issue__buttons">
        <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void run('accepted')}>
          {t('sv.close')}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void run('returned')}>
          {t('sv.return')}
        </button>
      </div>
    </div>
  )
}

export function SupervisionDetail({ id, drill, go }: { id: string; drill: Drill; go: (next: Drill) => void }) {
  const zone = useTimeZone()
  const names = useNames()
  const tick = useSnapshotStore((s) => s.snapshot?.tick)
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: [...supervisionKey(id), tick],
    queryFn: ({ signal }) => fetchSupervision(id, signal),
    placeholderData: (previous) => previous,
  })
  const at = (iso: string | null) => (iso ? `${longDate(Date.parse(iso), zone)} ${timeOfDay(Date.parse(iso), zone)}` : '—')
  const order = query.data?.supervision
  const cell = (word: string) => COLUMNS.supervisions.find((c) => c.word === word)
  const ctx = { names, zone, open: (detail: string) => go({ ...drill, detail }) }
  const reread = () => {
    void queryClient.invalidateQueries({ queryKey: supervisionKey(id) })
    void queryClient.invalidateQueries({ queryKey: ['desk-list'] })
  }
  return (
    <aside className="timeline sv-detail" data-testid="supervision-detail" data-state={order?.state ?? ''}>
      <header className="timeline__head">
        <h2>
          {t('sv.detail')} · {id.slice(0, 8)}
        </h2>
        <button type="button" className="button button--quiet" onClick={() => go({ ...drill, detail: null })}>
          {t('desk.close')}
        </button>
      </header>
      {query.isError && <ErrorNote error={query.error} />}
      {query.isPending && <p className="drill__message">{t('desk.loading')}</p>}
      {order && (
        <>
          <dl className="sv-detail__facts">
            <dt>{t('col.state')}</dt>
            <dd data-testid="supervision-state">
              {tOr(`sv.state.${order.state}`, order.state)} · {t('sv.round', { n: order.round })}
              {order.outcome && ` · ${tOr(`sv.outcome.${order.outcome}`, order.outcome)}`}
            </dd>
            <dt>{t('col.target')}</dt>
            <dd>{cell('col.target')?.cell(order, ctx)}</dd>
            <dt>{t('col.team')}</dt>
            <dd>
              {order.team} · {names[order.region] ?? order.region}
            </dd>
            <dt>{t('col.due')}</dt>
            <dd>{cell('col.due')?.cell(order, ctx)}</dd>
            <dt>{t('col.reason')}</dt>
            <dd>{order.reason}</dd>
            <dt>{t('sv.action')}</dt>
            <dd>{order.action}</dd>
            <dt>{t('col.issuedBy')}</dt>
            <dd>
              {order.issued_by} · {at(order.issued_at)}
            </dd>
            {order.reply !== null && (
              <>
                <dt>{t('sv.reply')}</dt>
                <dd data-testid="supervision-reply">{order.reply}</dd>
              </>
            )}
          </dl>
          <CloseForm order={order} onDone={reread} />
          <h3 className="sv-detail__history">{t('sv.history')}</h3>
          <ol className="timeline__events">
            {(query.data?.history ?? []).map((h, i) => (
              <li key={`${h.at}-${i}`} className="timeline__event" data-step={h.step}>
                <time className="timeline__time">{timeOfDay(Date.parse(h.at), zone)}</time>
                <span className="timeline__type">
                  {tOr(`sv.step.${h.step}`, h.step)}
                  {h.by ? ` · ${h.by}` : ''}
                </span>
                {typeof h.detail.comment === 'string' && h.detail.comment !== '' && <span className="timeline__fields">{h.detail.comment}</span>}
                {typeof h.detail.reply === 'string' && <span className="timeline__fields">{h.detail.reply}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  )
}
