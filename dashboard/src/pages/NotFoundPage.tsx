// Any address the dashboard does not know: says so, names the address, and
// offers the wall, instead of an empty page.
import { Link, useLocation } from 'react-router'
import { t } from '../i18n/dictionary.ts'

export function NotFoundPage() {
  const { pathname, search } = useLocation()
  return (
    <main className="placeholder" data-view="not-found">
      <title>{t('page.notFound')}</title>
      <h1>{t('page.notFound')}</h1>
      <p>{t('page.notFoundDetail', { path: pathname })}</p>
      <Link to={{ pathname: '/wall', search }}>{t('page.toWall')} →</Link>
    </main>
  )
}
