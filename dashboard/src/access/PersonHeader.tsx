// The header of every person page: the product (home), the pages the role
// opens, who is signed in with which role, and signing out. Signing out ends
// the session on the server and loads the sign-in page afresh.
import { useState } from 'react'
import { NavLink } from 'react-router'
import type { SignedInUser } from '../../../schemas/access-api.ts'
import { logout } from '../api/session-api.ts'
import { errorText } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { linksFor } from './page-links.ts'
import { roleLabel } from './role-label.ts'

export function PersonHeader({ user }: { user: SignedInUser }) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const signOut = async () => {
    setBusy(true)
    try {
      await logout()
      window.location.assign('/login')
    } catch (err) {
      setProblem(errorText(err))
      setBusy(false)
    }
  }
  return (
    <header className="person-header">
      <NavLink to="/" end className="person-header__product">
        {t('product.name')}
      </NavLink>
      <nav className="person-header__nav">
        {linksFor(user.role).map((link) => (
          <NavLink key={link.path} to={link.path}>
            {t(link.title)}
          </NavLink>
        ))}
      </nav>
      <div className="person-header__who" data-testid="signed-in-as">
        <span className="person-header__name">{user.display_name}</span>
        <span className="role-badge" data-role={user.role}>
          {roleLabel(user.role)}
        </span>
        {problem && (
          <span className="note note--error" role="alert">
            {problem}
          </span>
        )}
        <button type="button" className="button" disabled={busy} onClick={() => void signOut()} data-testid="sign-out">
          {t('person.signOut')}
        </button>
      </div>
    </header>
  )
}
