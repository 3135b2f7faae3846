// The lead's handover dialog: the draft of the shift at the nearest boundary
// as the server built it (its period, the counts of alerts, supervision
// orders and outages, the figures off target, the notable log entries), the
// notes for the incoming lead, and "hand over" (again, before the incoming
// lead confirms, updates the record; once confirmed it is frozen and says so).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { HandoverContent } from '../../../schemas/handover.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { hoursMinutes } from '../format/center-time.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { fetchDraft, handOver, SHIFT_KEYS } from './shift-api.ts'

function Summary({ draft, zone }: { draft: HandoverContent; zone: string }) {
  const off = draft.kpis.filter((k) => k.status === 'red' || k.status === 'amber')
  return (
    <div className="handover__summary" data-testid="handover-summary">
      <p>{t('handover.period', { from: hoursMinutes(Date.parse(draft.period.from), zone), to: hoursMinutes(Date.parse(draft.period.to), zone) })}</p>
      <p>{t('handover.incoming', { team: draft.incoming.team ?? '—', lead: draft.incoming.lead ?? '—' })}</p>
      <p data-testid="handover-alerts">{t('handover.alerts', draft.alerts.counts)}</p>
      <p>{t('handover.supervisions', draft.supervisions.counts)}</p>
      <p>{t('handover.outages', draft.outages.counts)}</p>
      <p>
        {off.length === 0
          ? t('handover.kpisOk')
          : t('handover.kpisOff', { list: off.map((k) => `${pick(KPI_DEFINITIONS[k.id].label_zh, KPI_DEFINITIONS[k.id].label_en)} ${formatKpiText(k.id, k.value)}`).join('，') })}
      </p>
      <p>{t('handover.notable', { n: draft.log.length })}</p>
      {draft.log.length > 0 && (
        <ul className="handover__log">
          {draft.log.slice(0, 8).map((e) => (
            <li key={e.id}>
              {hoursMinutes(Date.parse(e.at), zone)} {e.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function HandoverDialog({ onClose }: { onClose: () => void }) {
  const zone = useTimeZone()
  const queryClient = useQueryClient()
  const draft = useQuery({ queryKey: SHIFT_KEYS.draft, queryFn: ({ signal }) => fetchDraft(signal), staleTime: 0 })
  const [notes, setNotes] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const record = draft.data?.handover ?? null
  const shown = notes ?? record?.notes ?? ''
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await handOver(shown)
      await queryClient.invalidateQueries({ queryKey: ['handover-last'] })
      onClose()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const d = draft.data?.draft
  return (
    <div className="handover" role="dialog" aria-modal="true" aria-label={t('shift.handOver')} data-testid="handover-dialog">
      <div className="handover__box">
        {draft.isError ? (
          <ErrorNote error={draft.error} />
        ) : !d ? (
          <p className="hint">{t('handover.loading')}</p>
        ) : (
          <>
            <h3>{t('handover.title', { name: d.shift.name, date: d.shift.date })}</h3>
            <Summary draft={d} zone={zone} />
            {record?.confirmed ? (
              <p className="note" data-testid="handover-frozen">
                {t('handover.frozen')}
              </p>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  void submit()
                }}
              >
                {record && <p className="hint">{t('handover.already', { at: hoursMinutes(Date.parse(record.handed_over.at), zone) })}</p>}
                <textarea name="notes" rows={4} maxLength={8000} value={shown} placeholder={t('handover.notesHint')} aria-label={t('shift.notes')} onChange={(e) => setNotes(e.target.value)} />
                <div className="handover__actions">
                  <button type="submit" disabled={busy} data-action="hand-over">
                    {record ? t('handover.resubmit') : t('handover.submit')}
                  </button>
                  <button type="button" onClick={onClose}>
                    {t('handover.cancel')}
                  </button>
                </div>
              </form>
            )}
            <ErrorNote error={error} />
          </>
        )}
        {!d && (
          <button type="button" onClick={onClose}>
            {t('handover.cancel')}
          </button>
        )}
      </div>
    </div>
  )
}
