// What a person may do to one alert, as their role allows (schemas/roles.ts):
// an officer acknowledges with a comment (type it, Enter: one keystroke after
// the words), a lead also escalates and resolves. The server decides; its
// refusal is shown as it said it (a 409 names who acknowledged first, a
// critical alert's resolve without a comment says it needs one). The comment
// being written is a draft kept by alert id (stores/comment-drafts-store.ts)
// until an action succeeds: a reconnect, or the alert moving to another
// list, loses nothing. `touch` lays it out for a phone: the comment on its
// own line, one large 签收 button (one tap), the lead's actions below.
import { useEffect, useState } from 'react'
import type { Alert } from '../../../schemas/alerts.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import { ApiError } from '../api/http.ts'
import { t } from '../i18n/dictionary.ts'
import { commentDrafts, useCommentDraft } from '../stores/comment-drafts-store.ts'
import { usePerson } from '../stores/session-store.ts'
import { actOnAlert, type AlertAction } from './alert-api.ts'

export interface AlertActionsProps {
  alert: Alert
  /** After an action succeeded or was refused (the detail page reads the alert again). */
  onSettled?: () => void
  layout?: 'row' | 'touch'
}

export function AlertActions({ alert, onSettled, layout = 'row' }: AlertActionsProps) {
  const person = usePerson()
  const comment = useCommentDraft(alert.id)
  const [busy, setBusy] = useState<AlertAction | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => commentDrafts.restore(), [])
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
      commentDrafts.clear(alert.id)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(null)
      onSettled?.()
    }
  }
  const touch = layout === 'touch'
  return (
    <form
      className={`alert-actions${touch ? ' alert-actions--touch' : ''}`}
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
        placeholder={canAck ? t(touch ? 'inbox.commentOptional' : 'inbox.commentAck') : t('inbox.comment')}
        aria-label={t('inbox.comment')}
        enterKeyHint={canAck ? 'done' : undefined}
        onChange={(e) => commentDrafts.set(alert.id, e.target.value)}
        onClick={(e) => e.stopPropagation()}
      />
      {canAck && (
        <button type="submit" className="alert-actions__ack" disabled={busy !== null} data-action="ack">
          {busy === 'ack' ? t('inbox.acking') : t('inbox.ack')}
        </button>
      )}
      {canEscalate && (
        <button type="button" className="alert-actions__more" disabled={busy !== null} data-action="escalate" onClick={() => void run('escalate')}>
          {t('inbox.escalate')}
        </button>
      )}
      {canResolve && (
        <button type="button" className="alert-actions__more" disabled={busy !== null} data-action="resolve" onClick={() => void run('resolve')}>
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
