// /login: username and password. A wrong one gets the server's message (the
// same for a wrong name and a wrong password); after too many, the button
// waits out the server's Retry-After, counting down. Signed in, the browser
// goes where it was sent from (`next`, when it is a path on this site).
import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { ApiError } from '../api/http.ts'
import { login } from '../api/session-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { useNow } from '../stores/clock-store.ts'
import { sessionActions } from '../stores/session-store.ts'
import { safeNext } from './safe-next.ts'
import { SignInFrame } from './SignInFrame.tsx'

export function LoginPage() {
  const [search] = useSearchParams()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [retryAt, setRetryAt] = useState<number | null>(null)
  const now = useNow()
  const wait = retryAt === null ? 0 : Math.ceil((retryAt - now) / 1000)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      sessionActions.signedIn(await login(username.trim(), password))
      window.location.assign(safeNext(search.get('next'), window.location.origin))
    } catch (err) {
      setError(err)
      setRetryAt(err instanceof ApiError && err.retryAfter !== null ? Date.now() + err.retryAfter * 1000 : null)
      setPassword('')
      setBusy(false)
    }
  }

  return (
    <SignInFrame title={t('login.title')}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="button button--primary" disabled={busy || wait > 0}>
          {wait > 0 ? t('login.wait', { n: wait }) : busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </SignInFrame>
  )
}
