// The dashboard's entry: when the page loads, the URL's language and API token
// are taken once and the app is rendered. No other module does anything when
// it is imported; each page starts what it needs when it mounts (the wall its
// live connection) and stops it when it unmounts.
import { createRoot } from 'react-dom/client'
import { setApiToken, tokenFromSearch } from './api/http.ts'
import { App } from './app/App.tsx'
import { langFromSearch, locale, setLang } from './i18n/lang.ts'
import { createQueryClient } from './queries/query-client.ts'
import './styles/wall.css'

function start(): void {
  const search = window.location.search
  setLang(langFromSearch(search))
  // The browser picks fonts and line breaking by the document's language.
  document.documentElement.lang = locale()
  setApiToken(tokenFromSearch(search))
  createRoot(document.getElementById('root')!).render(<App queryClient={createQueryClient()} />)
}

start()
