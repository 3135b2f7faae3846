// What a person may do to one alert, as their role allows (schemas/roles.ts):
// an officer acknowledges with a comment (type it, Enter: one keystroke after
// the words), a lead also escalates and resolves. The server decides; its
// refusal is shown as it said it (a 409 names who acknowledged first, a
// critical alert's resolve without a comment says it needs one). The comment
// being written is kept until an action succeeds.
import { useState } from 'react'
import type { Alert } from '../../../schemas/alerts.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import { ApiError } from '../api/http.ts'
import { t } from '../i18n/dictionary.ts'
import { usePerson } from '../stores/session-store.ts'
import { actOnAlert, type AlertAction } from './alert-api.ts'

/** `onSettled`: after an action succeeded or was refused (the detail page reads the alert again). */
export function AlertActions({ alert, onSettled }: { alert: Alert; onSettled?: () => void }) {
  const person = usePerson()
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState<AlertAction | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!person || !roleIncludes(person.role, 'officer')) return null
  const lead = roleIncludes(person.role, 'lead')
  const canAck = alert.state === 'firing'
  const canEscalate = lead && (alert.state === 'firing' || alert.state === 'acknowledged')
  const canResolve = lead && alert.state !== 'resolved'
  // A refusal stays in words even when the alert, read again, offers nothing more (someone else was first).
  if (!canAck && !canEscalate && !canResolve)
    return error ? (
      <p className="alert-actions__error" role="alert" data-testid="action-error">
        {error}
      </p>
    ) : null

  const run = async (action: AlertAction) => {
    setBusy(action)
    setError(null)
    try {
      await actOnAlert(alert.id, action, comment)
      setComment('')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(null)
      onSettled?.()
    }
  }
  return (
    <form
      className="alert-actions"
      data-testid="alert-actions"
      onSubmit={(e) => {
        e.preventDefault()
        // Enter does the first thing offered: acknowledge when it can be.
        void run(canAck ? 'ack' : canEscalate ? 'escalate' : 'resolve')
      }}
    >
      <input
        className="alert-actions__comment"
        name="comment"
        value={comment}
        maxLength={1000}
        placeholder={canAck ? t('inbox.commentAck') : t('inbox.comment')}
        aria-label={t('inbox.comment')}
        onChange={(e) => setComment(e.target.value)}
        onClick={(e) => e.stopPropagation()}
      />
      {canAck && (
        <button type="submit" className="alert-actions__ack" disabled={busy !== null} data-action="ack">
          {t('inbox.ack')}
        </button>
      )}
      {canEscalate && (
        <button type="button" disabled={busy !== null} data-action="escalate" onClick={() => void run('escalate')}>
          {t('inbox.escalate')}
        </button>
      )}
      {canResolve && (
        <button type="button" disabled={busy !== null} data-action="resolve" onClick={() => void run('resolve')}>
          {t('inbox.resolve')}
        </button>
      )}
      {error && (
        <p className="alert-actions__error" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
    </form>
  )
}
