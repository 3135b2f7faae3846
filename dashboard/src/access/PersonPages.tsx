// The frame of every page for people (/, /desk, /lead, /admin): it asks the
// server who is signed in before showing anything, sends anyone who is not
// a person (nobody, or a paired wall display) to sign in, and does the same
// when any request later finds the session gone (401). Below the shared
// header, the page itself (each page is its own <main>).
import { useEffect, useState } from 'react'
import { Outlet } from 'react-router'
import { whenUnauthorized } from '../api/http.ts'
import { fetchMe } from '../api/session-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { sessionActions, usePerson } from '../stores/session-store.ts'
import { PersonHeader } from './PersonHeader.tsx'
import { toLogin } from './to-login.ts'

export function PersonPages() {
  const person = usePerson()
  const [problem, setProblem] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => whenUnauthorized(toLogin), [])
  useEffect(() => {
    const abort = new AbortController()
    fetchMe(abort.signal)
      .then((me) => {
        sessionActions.learned(me)
        if (me?.kind !== 'person') toLogin()
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setProblem(err)
      })
    return () => abort.abort()
  }, [attempt])

  if (!person) {
    return (
      <div className="person-page">
        <main className="person-main person-main--waiting" data-testid="person-waiting">
          {problem ? (
            <>
              <ErrorNote error={problem} />
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProblem(null)
                  setAttempt((n) => n + 1)
                }}
              >
                {t('form.retry')}
              </button>
            </>
          ) : (
            <p className="hint">{t('person.checking')}</p>
          )}
        </main>
      </div>
    )
  }
  return (
    <div className="person-page">
      <PersonHeader user={person} />
      <div className="person-main">
        <Outlet />
      </div>
    </div>
  )
}
