// Issuing a supervision order (督办) on what the officer is looking at: a
// work order, an outage or an alert. The team defaults to the one a work
// order was dispatched to (the server fills it in); for an outage or an
// alert the team must be named. The deadline defaults on the server (2 h,
// 1 h for a complaint). What was typed stays until the order is issued.
import { useState } from 'react'
import { Link } from 'react-router'
import type { SupervisionTargetType } from '../../../schemas/events.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import type { SupervisionView } from '../../../schemas/supervision.ts'
import { ApiError } from '../api/http.ts'
import { timeOfDay } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useTerritory, useTimeZone } from '../queries/territory-query.ts'
import { usePerson } from '../stores/session-store.ts'
import { issueSupervision } from './supervision-api.ts'

export function SupervisionIssue({ targetType, targetId, label }: { targetType: SupervisionTargetType; targetId: string; label: string }) {
  const person = usePerson()
  const territory = useTerritory()
  const zone = useTimeZone()
  const [open, setOpen] = useState(false)
  const [team, setTeam] = useState('')
  const [reason, setReason] = useState('')
  const [action, setAction] = useState('')
  const [minutes, setMinutes] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [issued, setIssued] = useState<SupervisionView | null>(null)
  if (!person || !roleIncludes(person.role, 'officer')) return null

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const due = Number(minutes)
      const order = await issueSupervision({
        target_type: targetType,
        target_id: targetId,
        ...(team ? { team } : {}),
        reason: reason.trim(),
        action: action.trim(),
        ...(minutes.trim() && Number.isInteger(due) ? { due_in_minutes: due } : {}),
      })
      setIssued(order)
      setOpen(false)
      setReason('')
      setAction('')
      setMinutes('')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  if (!open)
    return (
      <span className="sv-issue">
        <button type="button" className="button" data-testid="supervise" onClick={() => setOpen(true)}>
          {t('sv.issue')}
        </button>
        {issued && (
          <span className="sv-issue__done" data-testid="supervision-issued">
            {t('sv.issued', { team: issued.team, t: timeOfDay(Date.parse(issued.due_at), zone) })}{' '}
            <Link className="link-button" to={`/desk?list=supervisions&detail=supervision:${issued.id}`}>
              {t('sv.open')}
            </Link>
          </span>
        )}
      </span>
    )
  return (
    <form className="sv-issue__form" data-testid="supervision-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('sv.issueTitle', { target: label })}</h3>
      <label className="field">
        <span>{t('sv.team')}</span>
        <select name="team" value={team} onChange={(e) => setTeam(e.target.value)} required={targetType !== 'workorder'}>
          <option value="">{targetType === 'workorder' ? t('sv.teamDefault') : '—'}</option>
          {(territory?.teams ?? []).map((tm) => (
            <option key={tm.code} value={tm.code}>
              {pick(tm.name_zh, tm.name_en)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('sv.reasonLabel')}</span>
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} rows={2} />
      </label>
      <label className="field">
        <span>{t('sv.actionLabel')}</span>
        <textarea name="action" value={action} onChange={(e) => setAction(e.target.value)} required maxLength={2000} rows={2} />
      </label>
      <label className="field">
        <span>{t('sv.dueLabel')}</span>
        <input name="due_in_minutes" type="number" min={1} max={43200} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      {error && (
        <p className="alert-actions__error" role="alert">
          {error}
        </p>
      )}
      <div className="sv-issue__buttons">
        <button type="submit" className="button button--primary" disabled={busy || !reason.trim() || !action.trim()}>
          {t('sv.send')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          {t('sv.cancel')}
        </button>
      </div>
    </form>
  )
}
