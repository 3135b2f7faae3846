// /reports/:id, where the push links: one bulletin as the server made it,
// its key figures, KPIs by region against target, worst items, alerts,
// supervision orders and outages, with its PDF and XLSX and a print layout.
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import type { Bulletin } from '../../../schemas/bulletins.ts'
import { ApiError } from '../api/http.ts'
import { t } from '../i18n/dictionary.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { ReportCharts } from './ReportCharts.tsx'
import { ReportKpis } from './ReportKpis.tsx'
import { ReportSections } from './ReportSections.tsx'
import { count, decimal, instant, percent, periodText } from './report-format.ts'
import { bulletinKey, fetchBulletin, fileUrl } from './reports-api.ts'

const notFound = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 400)

function KeyFigures({ b }: { b: Bulletin }) {
  const figures: Array<[string, string, string]> = [
    [t('rep.alerts'), count(b.alerts.total.fired), `${t('rep.ackAvg')} ${decimal(b.alerts.total.ack_minutes_avg)}`],
    [t('rep.red'), count(b.worst.filter((w) => w.status === 'red').length), `${t('rep.worst')} ${count(b.worst.length)}`],
    [t('rep.timeliness'), percent(b.supervision.total.timeliness), `${t('rep.issued')} ${count(b.supervision.total.issued)}`],
    [t('rep.outages'), count(b.outages.total.started), `${t('rep.customerMinutes')} ${count(Math.round(b.outages.total.customer_minutes_lost))}`],
  ]
  return (
    <section className="report__figures" data-testid="report-figures">
      {figures.map(([name, value, note]) => (
        <div key={name} className="desk__card report__figure">
          <span>{name}</span>
          <strong>{value}</strong>
          <small>{note}</small>
        </div>
      ))}
    </section>
  )
}

function Report({ b, zone }: { b: Bulletin; zone: string }) {
  return (
    <>
      <header className="report__head">
        <div>
          <h1 data-testid="report-title">
            {t(`rep.kind.${b.kind}`)} · {periodText(b.period_start, b.period_end)}
          </h1>
          <p className="hint">
            {t('rep.generated')} {instant(b.generated_at, zone)} · {b.generated_by === 'schedule' ? t('rep.schedule') : b.generated_by} · {t('rep.asOf', { t: instant(b.as_of, zone) })}
          </p>
        </div>
        <div className="report__actions">
          <a className="button" href={fileUrl(b.id, 'pdf')} download data-testid="download-pdf">
            {t('rep.pdf')}
          </a>
          <a className="button" href={fileUrl(b.id, 'xlsx')} download data-testid="download-xlsx">
            {t('rep.xlsx')}
          </a>
          <button type="button" onClick={() => window.print()}>
            {t('rep.print')}
          </button>
        </div>
      </header>
      <KeyFigures b={b} />
      <ReportCharts bulletin={b} />
      <ReportKpis bulletin={b} />
      <ReportSections bulletin={b} zone={zone} />
    </>
  )
}

export function ReportPage() {
  const { id = '' } = useParams()
  const zone = useTimeZone()
  const query = useQuery({ queryKey: bulletinKey(id), queryFn: ({ signal }) => fetchBulletin(id, signal), retry: (n, err) => !notFound(err) && n < 2, staleTime: Infinity })
  return (
    <main className="reports report" data-view="report">
      <title>{query.data ? `${t(`rep.kind.${query.data.kind}`)} ${query.data.period_start}` : t('rep.title')}</title>
      <p className="report__back">
        <Link to="/reports">← {t('rep.back')}</Link>
      </p>
      {query.isPending ? (
        <p className="hint">{t('rep.loading')}</p>
      ) : query.isError ? (
        <p className="hint" role="alert" data-testid="report-error">
          {notFound(query.error) ? t('rep.notFound', { id }) : t('rep.failed', { m: query.error.message })}
        </p>
      ) : (
        <Report b={query.data} zone={zone} />
      )}
    </main>
  )
}
