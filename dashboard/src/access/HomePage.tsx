// / for a signed-in person: who they are, the pages their role opens, each
// with a line on what it is for, and their own account (password, sessions).
import { Link } from 'react-router'
import { t } from '../i18n/dictionary.ts'
import { usePerson } from '../stores/session-store.ts'
import { ChangePasswordForm } from './ChangePasswordForm.tsx'
import { MySessions } from './MySessions.tsx'
import { linksFor } from './page-links.ts'
import { roleLabel } from './role-label.ts'

export function HomePage() {
  const person = usePerson()!
  return (
    <main className="home" data-testid="home">
      <title>{t('product.name')}</title>
      <h1>{t('home.hello', { name: person.display_name })}</h1>
      <p className="hint">{t('home.signedInAs', { user: person.username, role: roleLabel(person.role) })}</p>
      <ul className="home__pages">
        {linksFor(person.role).map((link) => (
          <li key={link.path}>
            <Link to={link.path} className="home__page" data-page={link.path}>
              <span className="home__page-title">{t(link.title)}</span>
              <span className="home__page-about">{t(link.about)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <h2 className="home__account">{t('account.title')}</h2>
      <ChangePasswordForm />
      <MySessions />
    </main>
  )
}
