// /admin/audit: the audit log, newest first, filtered and paged. The page
// shown stays while the next one loads, so paging does not flash empty.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, auditApi, AUDIT_PAGE_SIZE, type AuditFilters } from './admin-api.ts'
import { filtersFrom, searchOf } from './audit-filters.ts'
import { AuditFilterForm } from './AuditFilterForm.tsx'
import { AuditTable } from './AuditTable.tsx'

export function AuditPage() {
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFrom(search), [search])
  const query = useQuery({ queryKey: adminKeys.audit(filters), queryFn: ({ signal }) => auditApi.page(filters, signal), placeholderData: keepPreviousData })
  const show = (next: AuditFilters) => setSearch(searchOf(next))
  const page = query.data
  const last = page ? Math.min(filters.offset + AUDIT_PAGE_SIZE, page.total) : 0
  return (
    <section className="admin-page" data-testid="admin-audit">
      <title>{t('admin.audit')}</title>
      <h1>{t('admin.audit')}</h1>
      {/* A new form for new filters from the URL (back, forward), not stale inputs. */}
      <AuditFilterForm key={search.toString()} filters={filters} onApply={show} />
      <div className="panel-card">
        <ErrorNote error={query.error} />
        {page === undefined ? (
          query.isPending && <p className="hint">{t('form.loading')}</p>
        ) : page.total === 0 ? (
          <p className="empty" data-testid="audit-empty">
            {t('audit.empty')}
          </p>
        ) : (
          <>
            <div className="pager">
              <span data-testid="audit-range">{t('audit.range', { from: filters.offset + 1, to: last, total: page.total })}</span>
              <button type="button" className="button" disabled={filters.offset === 0} onClick={() => show({ ...filters, offset: Math.max(0, filters.offset - AUDIT_PAGE_SIZE) })}>
                {t('audit.newer')}
              </button>
              <button type="button" className="button" disabled={last >= page.total} onClick={() => show({ ...filters, offset: filters.offset + AUDIT_PAGE_SIZE })}>
                {t('audit.older')}
              </button>
            </div>
            <AuditTable items={page.items} />
          </>
        )}
      </div>
    </section>
  )
}
