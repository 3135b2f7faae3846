// Making an API token: a name that says which program holds it, and the
// scopes it needs (no more: a token that leaks can do only what they allow).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { CreatedToken } from '../../../schemas/access-api.ts'
import { TOKEN_SCOPES, type TokenScope } from '../../../schemas/roles.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, tokensApi } from './admin-api.ts'
import { SCOPE_ABOUT } from './token-scopes.ts'

export function NewTokenForm({ onCreated }: { onCreated(name: string, token: CreatedToken): void }) {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<TokenScope[]>([])
  const create = useMutation({
    mutationFn: tokensApi.create,
    onSuccess: (token, asked) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens })
      onCreated(asked.name, token)
    },
  })
  const toggle = (scope: TokenScope, on: boolean) => setScopes((now) => (on ? [...now, scope] : now.filter((s) => s !== scope)))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name: name.trim(), scopes: TOKEN_SCOPES.filter((s) => scopes.includes(s)) })
  }
  return (
    <form className="form panel-card" onSubmit={submit} data-testid="new-token">
      <h2>{t('tokens.newTitle')}</h2>
      <label className="field">
        <span>{t('tokens.name')}</span>
        <input name="name" required maxLength={100} autoComplete="off" placeholder={t('tokens.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="field scopes">
        <legend>{t('tokens.scopes')}</legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} className="scope">
            <input type="checkbox" name="scope" value={scope} checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
            <code>{scope}</code>
            <span className="hint">{t(SCOPE_ABOUT[scope])}</span>
          </label>
        ))}
      </fieldset>
      <ErrorNote error={create.error} />
      <button type="submit" className="button button--primary" disabled={create.isPending || scopes.length === 0}>
        {t('tokens.create')}
      </button>
    </form>
  )
}
