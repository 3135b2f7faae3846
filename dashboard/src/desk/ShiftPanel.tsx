// The desk's shift card (本班): the shift on duty with its team and lead, its
// own figures (the server's, over the shift so far) beside the day's (the
// live snapshot's `today`), and the last handover with its notes and who
// confirmed it. A lead hands over from here (HandoverDialog) and, as the
// incoming lead, confirms. Handover steps are log entries, so a `log` event
// of the shift category reads the card again.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Handover, ShiftKpi } from '../../../schemas/handover.ts'
import { KPI_DEFINITIONS, type KpiId } from '../../../schemas/kpis.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import { hoursMinutes } from '../format/center-time.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useLiveSocket } from '../live/LiveConnectionProvider.tsx'
import { StatusBadge } from '../panels/StatusBadge.tsx'
import { useTimeZone } from '../queries/territory-query.ts'
import { usePerson } from '../stores/session-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { HandoverDialog } from './HandoverDialog.tsx'
import { confirmHandover, fetchLastHandover, fetchShiftFigures, SHIFT_KEYS } from './shift-api.ts'

/** The figures a shift is judged by, in the order the card lists them. */
const SHIFT_KPIS: KpiId[] = [
  'calls_offered',
  'service_level',
  'abandonment_rate',
  'asa_seconds',
  'on_time_arrival_rate',
  'avg_repair_minutes',
  'mttr_minutes',
  'satisfaction_rate',
  'supervision_timeliness',
]
const FIGURES_EVERY_MS = 60_000

function Figures({ kpis }: { kpis: ShiftKpi[] }) {
  const today = useSnapshotStore((s) => s.snapshot?.windows.today)
  const byId = new Map(kpis.map((k) => [k.id, k]))
  return (
    <table className="shift__figures" data-testid="shift-figures">
      <thead>
        <tr>
          <th>{t('shift.figure')}</th>
          <th className="num">{t('shift.own')}</th>
          <th className="num">{t('shift.today')}</th>
          <th className="num">{t('shift.target')}</th>
        </tr>
      </thead>
      <tbody>
        {SHIFT_KPIS.map((id) => {
          const own = byId.get(id)
          const day = today?.[id]
          return (
            <tr key={id} data-kpi={id}>
              <th>{pick(KPI_DEFINITIONS[id].label_zh, KPI_DEFINITIONS[id].label_en)}</th>
              <td className="num" data-cell="shift">
                {formatKpiText(id, own?.value ?? null)} {own && <StatusBadge status={own.status} compact />}
              </td>
              <td className="num" data-cell="today">
                {formatKpiText(id, day?.value ?? null)} {day && <StatusBadge status={day.status} compact />}
              </td>
              <td className="num">{own?.target === null || own === undefined ? '—' : formatKpiText(id, own.target)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function LastHandover({ handover, zone }: { handover: Handover; zone: string }) {
  const person = usePerson()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const canConfirm = handover.confirmed === null && person !== null && roleIncludes(person.role, 'lead') && person.username !== handover.handed_over.by
  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await confirmHandover(handover.id)
      await queryClient.invalidateQueries({ queryKey: SHIFT_KEYS.last })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="shift__handover" data-testid="last-handover" data-confirmed={handover.confirmed ? 'yes' : 'no'}>
      <p>
        <b>
          {handover.shift.name}（{handover.shift.date}）
        </b>{' '}
        {t('shift.handedOver', { who: handover.handed_over.name, at: hoursMinutes(Date.parse(handover.handed_over.at), zone) })}
        {' · '}
        {handover.confirmed ? t('shift.confirmedBy', { who: handover.confirmed.name, at: hoursMinutes(Date.parse(handover.confirmed.at), zone) }) : <span className="shift__awaiting">{t('shift.awaiting')}</span>}
      </p>
      {handover.notes && (
        <p className="shift__notes">
          {t('shift.notes')}：{handover.notes}
        </p>
      )}
      {canConfirm && (
        <button type="button" className="shift__confirm" disabled={busy} onClick={() => void confirm()}>
          {t('shift.confirm')}
        </button>
      )}
      <ErrorNote error={error} />
    </div>
  )
}

export function ShiftPanel() {
  const person = usePerson()
  const zone = useTimeZone()
  const socket = useLiveSocket()
  const queryClient = useQueryClient()
  const [dialog, setDialog] = useState(false)
  const figures = useQuery({ queryKey: SHIFT_KEYS.figures, queryFn: ({ signal }) => fetchShiftFigures(signal), refetchInterval: FIGURES_EVERY_MS })
  const last = useQuery({ queryKey: SHIFT_KEYS.last, queryFn: ({ signal }) => fetchLastHandover(signal) })
  useEffect(() => {
    if (!socket) return
    const onEntry = (entry: { category: string }) => {
      if (entry.category === 'shift') void queryClient.invalidateQueries({ queryKey: SHIFT_KEYS.last })
    }
    socket.on('log', onEntry)
    return () => {
      socket.off('log', onEntry)
    }
  }, [socket, queryClient])
  const lead = person !== null && roleIncludes(person.role, 'lead')
  const f = figures.data

  return (
    <section className="shift" data-testid="shift-panel">
      {figures.isError ? (
        <ErrorNote error={figures.error} />
      ) : !f ? (
        <p className="hint">{t('shift.loading')}</p>
      ) : !f.shift ? (
        <p className="hint" data-testid="shift-none">
          {t('shift.none')}
        </p>
      ) : (
        <>
          <header className="shift__head">
            <h3 data-testid="shift-name">{t('shift.title', { name: f.shift.name, from: hoursMinutes(Date.parse(f.shift.starts_at), zone), to: hoursMinutes(Date.parse(f.shift.ends_at), zone) })}</h3>
            <span className="hint">{t('shift.team', { team: f.team ?? '—', lead: f.lead ?? '—' })}</span>
            {lead && (
              <button type="button" className="shift__hand-over" onClick={() => setDialog(true)}>
                {t('shift.handOver')}
              </button>
            )}
          </header>
          <Figures kpis={f.kpis} />
        </>
      )}
      <h3 className="shift__subhead">{t('shift.lastHandover')}</h3>
      {last.isError ? <ErrorNote error={last.error} /> : last.data === undefined ? <p className="hint">{t('shift.loading')}</p> : last.data === null ? <p className="hint">{t('shift.noHandover')}</p> : <LastHandover handover={last.data} zone={zone} />}
      {dialog && <HandoverDialog onClose={() => setDialog(false)} />}
    </section>
  )
}
