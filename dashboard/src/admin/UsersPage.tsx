// /admin/users: create people with a role, and change, disable, reset or end
// the sessions of those there are. A change that takes a right away takes
// effect at once on the server, their open pages and sockets included.
import { useQuery } from '@tanstack/react-query'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, usersApi } from './admin-api.ts'
import { NewUserForm } from './NewUserForm.tsx'
import { UserRow } from './UserRow.tsx'

export function UsersPage() {
  const query = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => usersApi.list(signal) })
  const users = query.data
  return (
    <section className="admin-page" data-testid="admin-users">
      <title>{t('admin.users')}</title>
      <h1>{t('admin.users')}</h1>
      <NewUserForm />
      <div className="panel-card">
        <h2>{t('users.listTitle')}</h2>
        <ErrorNote error={query.error} />
        {users === undefined ? (
          query.isPending && <p className="hint">{t('form.loading')}</p>
        ) : users.length === 0 ? (
          <p className="empty">{t('users.empty')}</p>
        ) : (
          <table className="table" data-testid="users">
            <thead>
              <tr>
                <th>{t('login.username')}</th>
                <th>{t('user.displayName')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.status')}</th>
                <th>{t('users.createdAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
