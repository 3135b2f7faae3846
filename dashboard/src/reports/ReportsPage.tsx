// /reports: the bulletins made so far, the latest period first, filtered by
// kind (kept in the address), each opening its page. Viewer and up.
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { BulletinKind } from '../../../schemas/bulletins.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { count, instant, percent, periodText } from './report-format.ts'
import { bulletinsKey, fetchBulletins } from './reports-api.ts'

const KINDS: ReadonlyArray<BulletinKind | null> = [null, 'daily', 'weekly']

export function ReportsPage() {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const zone = useTimeZone()
  const raw = params.get('kind')
  const kind: BulletinKind | null = raw === 'daily' || raw === 'weekly' ? raw : null
  const query = useQuery({ queryKey: bulletinsKey(kind), queryFn: ({ signal }) => fetchBulletins(kind, signal) })

  return (
    <main className="reports" data-view="reports">
      <title>{t('rep.title')}</title>
      <header className="reports__head">
        <h1>{t('rep.title')}</h1>
        <nav className="reports__kinds" aria-label={t('rep.kind')}>
          {KINDS.map((k) => (
            <button key={k ?? 'all'} type="button" aria-pressed={k === kind} onClick={() => setParams(k ? { kind: k } : {})}>
              {t(`rep.kind.${k ?? 'all'}` as WordKey)}
            </button>
          ))}
        </nav>
      </header>
      {query.isPending ? (
        <p className="hint">{t('rep.loading')}</p>
      ) : query.isError ? (
        <p className="hint" role="alert">
          {t('rep.failed', { m: query.error.message })}
        </p>
      ) : query.data.items.length === 0 ? (
        <p className="hint" data-testid="reports-none">
          {t('rep.none')}
        </p>
      ) : (
        <table className="reports__list" data-testid="reports-list">
          <thead>
            <tr>
              <th>{t('rep.period')}</th>
              <th>{t('rep.kind')}</th>
              <th>{t('rep.generated')}</th>
              <th className="num">{t('rep.alerts')}</th>
              <th className="num">{t('rep.red')}</th>
              <th className="num">{t('rep.timeliness')}</th>
              <th className="num">{t('rep.outages')}</th>
              <th className="num">{t('rep.customerMinutes')}</th>
              <th>{t('rep.pushed')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.items.map((b) => (
              <tr key={b.id} onClick={() => void navigate(`/reports/${encodeURIComponent(b.id)}`)} data-id={b.id}>
                <td>
                  <Link to={`/reports/${encodeURIComponent(b.id)}`}>{periodText(b.period_start, b.period_end)}</Link>
                </td>
                <td>{t(`rep.kind.${b.kind}`)}</td>
                <td>
                  {instant(b.generated_at, zone)} · {b.generated_by === 'schedule' ? t('rep.schedule') : b.generated_by}
                </td>
                <td className="num">{count(b.alerts_fired)}</td>
                <td className={`num${b.red_items > 0 ? ' reports__red' : ''}`}>{count(b.red_items)}</td>
                <td className="num">{percent(b.supervision_timeliness)}</td>
                <td className="num">{count(b.outages_started)}</td>
                <td className="num">{count(Math.round(b.customer_minutes_lost))}</td>
                <td>{b.pushed_at ? instant(b.pushed_at, zone) : t('rep.notPushed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}
