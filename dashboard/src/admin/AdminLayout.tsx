// /admin: the administrator's pages under one sub-navigation — displays,
// users, API tokens, alert rules and the audit log.
import { NavLink, Outlet } from 'react-router'
import { t, type WordKey } from '../i18n/dictionary.ts'

const SECTIONS: ReadonlyArray<{ path: string; title: WordKey }> = [
  { path: 'displays', title: 'admin.displays' },
  { path: 'users', title: 'admin.users' },
  { path: 'tokens', title: 'admin.tokens' },
  { path: 'alerting', title: 'admin.alerting' },
  { path: 'audit', title: 'admin.audit' },
]

export function AdminLayout() {
  return (
    <main className="admin">
      <nav className="admin__nav" aria-label={t('home.admin')}>
        {SECTIONS.map((s) => (
          <NavLink key={s.path} to={s.path}>
            {t(s.title)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </main>
  )
}
