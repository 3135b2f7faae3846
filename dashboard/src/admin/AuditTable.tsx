// One page of the audit log: when, who with which role, what, to what, from
// where, and whether it was allowed; the detail as compact JSON.
import type { AuditEntry } from '../../../schemas/access-api.ts'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'

const outcomeClass = (outcome: string) => (outcome === 'allowed' ? 'live' : outcome === 'failed' ? 'silent' : 'offline')

export function AuditTable({ items }: { items: AuditEntry[] }) {
  return (
    <table className="table table--dense" data-testid="audit">
      <thead>
        <tr>
          <th>{t('audit.at')}</th>
          <th>{t('audit.actor')}</th>
          <th>{t('users.role')}</th>
          <th>{t('audit.action')}</th>
          <th>{t('audit.target')}</th>
          <th>{t('audit.address')}</th>
          <th>{t('audit.outcome')}</th>
          <th>{t('audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td title={e.at}>{dateTime(e.at)}</td>
            <td>{e.actor}</td>
            <td>{e.role}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>{e.target}</td>
            <td>{e.address}</td>
            <td>
              <span className={`state state--${outcomeClass(e.outcome)}`}>{e.outcome}</span>
            </td>
            <td className="cell--detail">{Object.keys(e.detail).length > 0 ? JSON.stringify(e.detail) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
