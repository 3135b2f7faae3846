// Changing one's own password: the current one, and the new one twice. The
// person's other sessions end with it (a password that leaked stops working
// everywhere); this browser stays signed in.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { accountApi, accountKeys } from '../api/account-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { PasswordRule } from '../forms/PasswordRule.tsx'
import { t } from '../i18n/dictionary.ts'

export function ChangePasswordForm() {
  const queryClient = useQueryClient()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const change = useMutation({
    mutationFn: () => accountApi.changePassword(current, next),
    onSuccess: () => {
      setCurrent('')
      setNext('')
      setAgain('')
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMismatch(next !== again)
    if (next === again) change.mutate()
  }
  return (
    <form className="form form--row panel-card" onSubmit={submit} data-testid="change-password">
      <h2>{t('account.password')}</h2>
      <div className="form__fields">
        <label className="field">
          <span>{t('account.currentPassword')}</span>
          <input name="current_password" type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('users.newPassword')}</span>
          <input name="new_password" type="password" required autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.again')}</span>
          <input name="new_password_again" type="password" required autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('account.change')}
        </button>
      </div>
      <PasswordRule />
      <ErrorNote error={mismatch ? new Error(t('password.mismatch')) : change.error} />
      {change.isSuccess && (
        <p className="note note--ok" role="status">
          {t('account.changed')}
        </p>
      )}
    </form>
  )
}
