// /desk and /lead belong to later issues; until then they say which view this
// is and where the wall is, rather than showing a blank page.
import { t, type WordKey } from '../i18n/dictionary.ts'

export function PlaceholderPage({ view }: { view: 'desk' | 'lead' }) {
  const wall = `/wall${window.location.search}`
  document.title = t(`page.${view}` as WordKey)
  return (
    <main className="placeholder" data-view={view}>
      <h1>{t(`page.${view}` as WordKey)}</h1>
      <p>{t('page.notYet', { wall: '/wall' })}</p>
      <a href={wall}>{t('page.toWall')} →</a>
    </main>
  )
}
