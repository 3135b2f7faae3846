// A button for what cannot be undone (revoke, end sessions): the first click
// asks, in place, what will happen; only the second does it. No browser
// dialog: it blocks the page and says nothing about the consequence.
import { useState } from 'react'
import { t } from '../i18n/dictionary.ts'

interface Props {
  label: string
  /** What will happen, asked before it does. */
  question: string
  busy?: boolean
  onConfirm(): void
}

export function ConfirmButton({ label, question, busy = false, onConfirm }: Props) {
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <button type="button" className="button button--danger" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    <span className="confirm" role="group">
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className="button button--danger"
        data-testid="confirm"
        onClick={() => {
          setAsking(false)
          onConfirm()
        }}
      >
        {label}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {t('form.cancel')}
      </button>
    </span>
  )
}
