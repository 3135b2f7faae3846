// /setup: the first administrator, with the one-time link the server printed
// on its console (/setup#token=...). The token is read from the fragment,
// which the browser never sends anywhere, and then taken out of the address
// bar so it stays out of history and screenshots; it goes to the server in
// the request body only.
import { useEffect, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { passwordLength, PASSWORD_MAX, PASSWORD_MIN } from '../../../schemas/password-rule.ts'
import { setupFirstAdmin } from '../api/session-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { PasswordRule } from '../forms/PasswordRule.tsx'
import { t } from '../i18n/dictionary.ts'
import { sessionActions } from '../stores/session-store.ts'
import { SignInFrame } from './SignInFrame.tsx'

const tokenOf = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('token')

/** What is wrong with the two passwords before the server is asked, or null. */
function localProblem(password: string, again: string): string | null {
  const length = passwordLength(password)
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return t('password.length', { min: PASSWORD_MIN, max: PASSWORD_MAX, n: length })
  if (password !== again) return t('password.mismatch')
  return null
}

export function SetupPage() {
  const navigate = useNavigate()
  const [token] = useState(() => tokenOf(window.location.hash))
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    if (window.location.hash) void navigate({ hash: '' }, { replace: true })
  }, [navigate])

  if (token === null) {
    return (
      <SignInFrame title={t('setup.title')}>
        <p className="note note--warn" data-testid="setup-no-token">
          {t('setup.noToken')}
        </p>
      </SignInFrame>
    )
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problem = localProblem(password, again)
    if (problem) return setError(new Error(problem))
    setBusy(true)
    setError(null)
    try {
      sessionActions.signedIn(await setupFirstAdmin({ token, username: username.trim(), display_name: displayName.trim(), password }))
      // The next step of a new installation: pairing the first wall.
      window.location.assign('/admin/displays')
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }

  return (
    <SignInFrame title={t('setup.title')}>
      <p className="hint">{t('setup.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" required minLength={2} maxLength={64} autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('user.displayName')}</span>
          <input name="display_name" autoComplete="name" required maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.again')}</span>
          <input name="password_again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <PasswordRule />
        <ErrorNote error={error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('setup.busy') : t('setup.submit')}
        </button>
      </form>
    </SignInFrame>
  )
}
