// One person: their role (changed on the spot), whether they may sign in,
// and the administrator's remedies — a new password (their sessions end),
// or ending every session they have.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { UserItem } from '../../../schemas/access-api.ts'
import type { PersonRole } from '../../../schemas/roles.ts'
import { ConfirmButton } from '../forms/ConfirmButton.tsx'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { PasswordRule } from '../forms/PasswordRule.tsx'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'
import { usePerson } from '../stores/session-store.ts'
import { adminKeys, usersApi } from './admin-api.ts'
import { RoleSelect } from './RoleSelect.tsx'

function PasswordReset({ user, onSaved, onCancel }: { user: UserItem; onSaved(): void; onCancel(): void }) {
  const [password, setPassword] = useState('')
  const reset = useMutation({ mutationFn: () => usersApi.resetPassword(user.id, password), onSuccess: onSaved })
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        reset.mutate()
      }}
    >
      <input name="new_password" type="password" required autoComplete="new-password" aria-label={t('users.newPassword')} placeholder={t('users.newPassword')} value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="button button--primary" disabled={reset.isPending}>
        {t('form.save')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('form.cancel')}
      </button>
      <PasswordRule />
      <ErrorNote error={reset.error} />
    </form>
  )
}

export function UserRow({ user }: { user: UserItem }) {
  const queryClient = useQueryClient()
  const me = usePerson()
  const [resetting, setResetting] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.users })
  const update = useMutation({ mutationFn: (change: { role?: PersonRole; disabled?: boolean }) => usersApi.update(user.id, change), onSuccess: refresh })
  const endSessions = useMutation({ mutationFn: () => usersApi.endSessions(user.id), onSuccess: (a) => setDone(t('users.sessionsEnded', { n: a.ended })) })
  const busy = update.isPending || endSessions.isPending
  return (
    <tr className={user.disabled ? 'row--muted' : undefined} data-user={user.username}>
      <td>
        {user.username}
        {me?.username === user.username && <span className="hint"> {t('users.you')}</span>}
      </td>
      <td>{user.display_name}</td>
      <td>
        <RoleSelect value={user.role} disabled={busy} label={t('users.role')} onChange={(role) => update.mutate({ role })} />
      </td>
      <td>
        <span className={`state state--${user.disabled ? 'revoked' : 'live'}`}>{user.disabled ? t('users.disabled') : t('users.active')}</span>
      </td>
      <td>{dateTime(user.created_at)}</td>
      <td className="actions">
        {resetting ? (
          <PasswordReset
            user={user}
            onSaved={() => {
              setResetting(false)
              setDone(t('users.passwordSet'))
            }}
            onCancel={() => setResetting(false)}
          />
        ) : (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => update.mutate({ disabled: !user.disabled })}>
              {user.disabled ? t('users.enable') : t('users.disable')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDone(null)
                setResetting(true)
              }}
            >
              {t('users.resetPassword')}
            </button>
            <ConfirmButton label={t('users.endSessions')} question={t('users.endSessionsQuestion', { name: user.username })} busy={busy} onConfirm={() => endSessions.mutate()} />
          </>
        )}
        {done && <span className="note note--ok">{done}</span>}
        <ErrorNote error={update.error ?? endSessions.error} />
      </td>
    </tr>
  )
}
