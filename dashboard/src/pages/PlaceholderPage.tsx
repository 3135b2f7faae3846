// /desk and /lead belong to later issues; until then they say which view this
// is and where the wall is, rather than showing a blank page. They sit in the
// person pages' frame (access/PersonPages.tsx), below the shared header.
import { Link, useLocation } from 'react-router'
import { t } from '../i18n/dictionary.ts'

const TITLE = { desk: 'page.desk', lead: 'page.lead' } as const

export function PlaceholderPage({ view }: { view: 'desk' | 'lead' }) {
  // The wall link keeps the query (the language) this page was opened with.
  const { search } = useLocation()
  return (
    <main className="placeholder" data-view={view}>
      <title>{t(TITLE[view])}</title>
      <h1>{t(TITLE[view])}</h1>
      <p>{t('page.notYet', { wall: '/wall' })}</p>
      <Link to={{ pathname: '/wall', search }}>{t('page.toWall')} →</Link>
    </main>
  )
}
