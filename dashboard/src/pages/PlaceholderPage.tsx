// /lead belongs to a later issue; until then it says which view this is and
// where the wall is, rather than showing a blank page. It sits in the
// person pages' frame (access/PersonPages.tsx), below the shared header.
import { Link, useLocation } from 'react-router'
import { t } from '../i18n/dictionary.ts'

export function PlaceholderPage({ view }: { view: 'lead' }) {
  // The wall link keeps the query (the language) this page was opened with.
  const { search } = useLocation()
  return (
    <main className="placeholder" data-view={view}>
      <title>{t('page.lead')}</title>
      <h1>{t('page.lead')}</h1>
      <p>{t('page.notYet', { wall: '/wall' })}</p>
      <Link to={{ pathname: '/wall', search }}>{t('page.toWall')} →</Link>
    </main>
  )
}
