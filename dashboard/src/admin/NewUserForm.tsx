// Creating a person: username, the name shown, a role and a first password
// (the rule said beside it; the server also refuses common passwords).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { UserItem } from '../../../schemas/access-api.ts'
import type { PersonRole } from '../../../schemas/roles.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { PasswordRule } from '../forms/PasswordRule.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, usersApi } from './admin-api.ts'
import { RoleSelect } from './RoleSelect.tsx'

export function NewUserForm() {
  const queryClient = useQueryClient()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<PersonRole>('viewer')
  const [password, setPassword] = useState('')
  const [created, setCreated] = useState<UserItem | null>(null)
  const create = useMutation({
    mutationFn: usersApi.create,
    onSuccess: (user) => {
      setCreated(user)
      setUsername('')
      setDisplayName('')
      setPassword('')
      void queryClient.invalidateQueries({ queryKey: adminKeys.users })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    create.mutate({ username: username.trim(), display_name: displayName.trim(), role, password })
  }
  return (
    <form className="form form--row panel-card" onSubmit={submit} data-testid="new-user">
      <h2>{t('users.newTitle')}</h2>
      <div className="form__fields">
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" required minLength={2} maxLength={64} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('user.displayName')}</span>
          <input name="display_name" required maxLength={100} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('users.role')}</span>
          <RoleSelect value={role} onChange={setRole} />
        </label>
        <label className="field">
          <span>{t('users.firstPassword')}</span>
          <input name="password" type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('users.create')}
        </button>
      </div>
      <PasswordRule />
      <ErrorNote error={create.error} />
      {created && (
        <p className="note note--ok" role="status">
          {t('users.created', { name: created.username })}
        </p>
      )}
    </form>
  )
}
