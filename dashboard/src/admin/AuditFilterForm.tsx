// The audit log's filters: who (username, device:<name>, token:<name>), what
// (an action such as login or device.revoke), and from when to when, in the
// browser's local time. Applying them starts again at the first page.
import { useState, type FormEvent } from 'react'
import { t } from '../i18n/dictionary.ts'
import type { AuditFilters } from './admin-api.ts'
import { fromLocalInput, toLocalInput } from './local-time-input.ts'

// Actions the server records today (server/routes/*.ts), offered as suggestions; any text may be typed.
const KNOWN_ACTIONS = [
  'login',
  'logout',
  'password.change',
  'session.end',
  'session.end_all',
  'setup.first_admin',
  'user.create',
  'user.role',
  'user.disable',
  'user.enable',
  'user.update',
  'user.password_reset',
  'device.pairing',
  'device.approve',
  'device.session',
  'device.update',
  'device.reload',
  'device.revoke',
  'token.create',
  'token.revoke',
  'request.denied',
  'socket.denied',
]

export function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply(filters: AuditFilters): void }) {
  const [actor, setActor] = useState(filters.actor)
  const [action, setAction] = useState(filters.action)
  const [since, setSince] = useState(toLocalInput(filters.since))
  const [until, setUntil] = useState(toLocalInput(filters.until))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply({ actor: actor.trim(), action: action.trim(), since: fromLocalInput(since), until: fromLocalInput(until), offset: 0 })
  }
  const clear = () => {
    setActor('')
    setAction('')
    setSince('')
    setUntil('')
    onApply({ actor: '', action: '', since: '', until: '', offset: 0 })
  }
  return (
    <form className="form form--row panel-card" onSubmit={submit} data-testid="audit-filters">
      <div className="form__fields">
        <label className="field">
          <span>{t('audit.actor')}</span>
          <input name="actor" maxLength={200} placeholder={t('audit.actorPlaceholder')} value={actor} onChange={(e) => setActor(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('audit.action')}</span>
          <input name="action" maxLength={100} list="audit-actions" value={action} onChange={(e) => setAction(e.target.value)} />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('audit.since')}</span>
          <input name="since" type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('audit.until')}</span>
          <input name="until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary">
          {t('audit.apply')}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t('audit.clear')}
        </button>
      </div>
    </form>
  )
}
