// A page that needs more than signing in: shown to a role that includes
// `role`, and to anyone else a plain "not for your role" with the way home.
// The server refuses their requests anyway; this only spares a page of errors.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { roleIncludes, type PersonRole } from '../../../schemas/roles.ts'
import { t } from '../i18n/dictionary.ts'
import { usePerson } from '../stores/session-store.ts'
import { roleLabel } from './role-label.ts'

export function RequireRole({ role, children }: { role: PersonRole; children: ReactNode }) {
  const person = usePerson()
  if (person && roleIncludes(person.role, role)) return children
  return (
    <main className="panel-card" data-testid="role-refused">
      <h1>{t('person.notForRole')}</h1>
      <p>{t('person.needsRole', { need: roleLabel(role), have: person ? roleLabel(person.role) : '—' })}</p>
      <Link to="/">{t('person.home')} →</Link>
    </main>
  )
}
