// The dashboard's entry: when the page loads, the URL's language is taken
// once and the app is rendered. No other module does anything when it is
// imported; each page starts what it needs when it mounts (the wall its
// live connection, a person page its check of who is signed in) and stops
// it when it unmounts.
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { langFromSearch, locale, setLang } from './i18n/lang.ts'
import { createQueryClient } from './queries/query-client.ts'
import './styles/wall.css'
import './styles/people.css'
import './styles/desk.css'
import './styles/lead.css'
import './styles/lead-sound.css'
import './styles/shift-log.css'
import './styles/reports.css'

function start(): void {
  setLang(langFromSearch(window.location.search))
  // The browser picks fonts and line breaking by the document's language.
  document.documentElement.lang = locale()
  createRoot(document.getElementById('root')!).render(<App queryClient={createQueryClient()} />)
}

start()
