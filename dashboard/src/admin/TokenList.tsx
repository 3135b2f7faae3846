// Every API token: its name, scopes, who made it and when, when a program
// last used it, and revoking it (refused at once from then on). Revoked
// tokens stay listed, greyed, with who revoked them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { TokenItem } from '../../../schemas/access-api.ts'
import { ConfirmButton } from '../forms/ConfirmButton.tsx'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, tokensApi } from './admin-api.ts'

function TokenRow({ token }: { token: TokenItem }) {
  const queryClient = useQueryClient()
  const revoke = useMutation({ mutationFn: () => tokensApi.revoke(token.id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.tokens }) })
  const revoked = token.revoked_at !== null
  return (
    <tr className={revoked ? 'row--muted' : undefined} data-token={token.name}>
      <td>{token.name}</td>
      <td>
        {token.scopes.map((s) => (
          <code key={s} className="scope-chip">
            {s}
          </code>
        ))}
      </td>
      <td>{t('tokens.madeBy', { by: token.created_by, at: dateTime(token.created_at) })}</td>
      <td>{dateTime(token.last_used_at)}</td>
      <td className="actions">
        {revoked ? (
          <span className="state state--revoked">{t('tokens.revokedBy', { by: token.revoked_by ?? '—', at: dateTime(token.revoked_at) })}</span>
        ) : (
          <ConfirmButton label={t('tokens.revoke')} question={t('tokens.revokeQuestion', { name: token.name })} busy={revoke.isPending} onConfirm={() => revoke.mutate()} />
        )}
        <ErrorNote error={revoke.error} />
      </td>
    </tr>
  )
}

export function TokenList() {
  const query = useQuery({ queryKey: adminKeys.tokens, queryFn: ({ signal }) => tokensApi.list(signal) })
  const tokens = query.data
  return (
    <div className="panel-card">
      <h2>{t('tokens.listTitle')}</h2>
      <ErrorNote error={query.error} />
      {tokens === undefined ? (
        query.isPending && <p className="hint">{t('form.loading')}</p>
      ) : tokens.length === 0 ? (
        <p className="empty">{t('tokens.empty')}</p>
      ) : (
        <table className="table" data-testid="tokens">
          <thead>
            <tr>
              <th>{t('tokens.name')}</th>
              <th>{t('tokens.scopes')}</th>
              <th>{t('tokens.made')}</th>
              <th>{t('tokens.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
