// The person's open sessions: where and when each began and was last used,
// in which browser; any but this one can be ended here (a forgotten
// sign-in on a shared PC, say).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { OwnSession } from '../../../schemas/access-api.ts'
import { accountApi, accountKeys } from '../api/account-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'

function SessionRow({ session }: { session: OwnSession }) {
  const queryClient = useQueryClient()
  const end = useMutation({ mutationFn: () => accountApi.endSession(session.id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }) })
  return (
    <tr data-session={session.current ? 'current' : 'other'}>
      <td>{dateTime(session.created_at)}</td>
      <td>{dateTime(session.last_seen_at)}</td>
      <td>{session.address}</td>
      <td className="cell--detail" title={session.user_agent}>
        {session.user_agent.slice(0, 80)}
      </td>
      <td className="actions">
        {session.current ? (
          <span className="hint">{t('account.thisBrowser')}</span>
        ) : (
          <button type="button" className="button" disabled={end.isPending} onClick={() => end.mutate()}>
            {t('account.end')}
          </button>
        )}
        <ErrorNote error={end.error} />
      </td>
    </tr>
  )
}

export function MySessions() {
  const query = useQuery({ queryKey: accountKeys.sessions, queryFn: ({ signal }) => accountApi.sessions(signal) })
  return (
    <div className="panel-card">
      <h2>{t('account.sessions')}</h2>
      <ErrorNote error={query.error} />
      {query.data === undefined ? (
        query.isPending && <p className="hint">{t('form.loading')}</p>
      ) : (
        <table className="table table--dense" data-testid="my-sessions">
          <thead>
            <tr>
              <th>{t('account.started')}</th>
              <th>{t('account.lastUsed')}</th>
              <th>{t('audit.address')}</th>
              <th>{t('account.browser')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {query.data.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
