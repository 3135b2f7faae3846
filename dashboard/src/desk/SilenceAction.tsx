// Silencing one alert from the desk (静默), for leads and up as every silence
// is (server/access/route-access.ts): a duration (30 min, 1 h, 4 h) and a
// comment saying why, sent as a silence of exactly the alert's rule and scope
// (POST /api/v1/alerts/{id}/silence). The alert's "已静默" comes back over
// the socket, as every change does. The comment typed is kept until the
// silence is made; a refusal is shown as the server worded it.
import { useState } from 'react'
import type { Alert } from '../../../schemas/alerts.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import { ApiError } from '../api/http.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { usePerson } from '../stores/session-store.ts'
import { SILENCE_DURATIONS, silenceAlert, type SilenceDuration } from '../alerts/alert-api.ts'

/** Whether the person signed in may set and end silences. */
export function useMaySilence(): boolean {
  const person = usePerson()
  return person !== null && roleIncludes(person.role, 'lead')
}

export function SilenceAction({ alert, onSettled }: { alert: Alert; onSettled?: () => void }) {
  const may = useMaySilence()
  const [open, setOpen] = useState(false)
  const [duration, setDuration] = useState<SilenceDuration>('1h')
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!may || alert.silenced || alert.state === 'resolved') return null
  if (!open)
    return (
      <button type="button" className="button button--quiet silence__open" data-action="silence" onClick={() => setOpen(true)}>
        {t('silence.button')}
      </button>
    )
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await silenceAlert(alert.id, duration, comment.trim())
      setComment('')
      setOpen(false)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(false)
      onSettled?.()
    }
  }
  return (
    <form
      className="silence__form"
      data-testid="silence-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <select name="duration" aria-label={t('silence.duration')} value={duration} onChange={(e) => setDuration(e.target.value as SilenceDuration)}>
        {SILENCE_DURATIONS.map((d) => (
          <option key={d} value={d}>
            {t(`silence.d.${d}` as WordKey)}
          </option>
        ))}
      </select>
      <input name="silence-comment" required maxLength={1000} value={comment} placeholder={t('silence.comment')} aria-label={t('silence.comment')} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" disabled={busy || comment.trim() === ''} data-action="silence-submit">
        {t('silence.submit')}
      </button>
      <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
        {t('silence.cancel')}
      </button>
      {error && (
        <p className="alert-actions__error" role="alert" data-testid="silence-error">
          {error}
        </p>
      )}
    </form>
  )
}
