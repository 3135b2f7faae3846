// The desk's operations log (运行日志): the newest entries first, filtered by
// category and searched by words (Chinese too), live (each `log` event from
// the server reads the page again), older pages on request, exports of the
// same search, and a line to write an entry (officers and up).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { LOG_CATEGORIES, SYSTEM_AUTHOR, type LogCategory, type LogEntry } from '../../../schemas/operations-log.ts'
import { roleIncludes } from '../../../schemas/roles.ts'
import { zoneOffsetMs } from '../format/center-time.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { useLiveSocket } from '../live/LiveConnectionProvider.tsx'
import { useTimeZone } from '../queries/territory-query.ts'
import { usePerson } from '../stores/session-store.ts'
import { fetchLog, LOG_PAGE, logExportHref, logKey, writeLog, type LogFilter } from './log-api.ts'

const MAX_SHOWN = 500
export const categoryWord = (c: LogCategory) => t(`log.cat.${c}` as WordKey)

/** "12-01 09:05" in the center's zone: a log spans days, so the date goes with the time. */
const stamp = (iso: string, zone: string) => {
  const ms = Date.parse(iso)
  return new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(5, 16).replace('T', ' ')
}

function Entry({ entry, zone }: { entry: LogEntry; zone: string }) {
  const system = entry.author === SYSTEM_AUTHOR
  return (
    <li className={`oplog__entry${entry.notable ? ' oplog__entry--notable' : ''}`} data-log-id={entry.id} data-category={entry.category} data-kind={entry.kind ?? ''}>
      <span className="oplog__at" title={entry.at}>
        {stamp(entry.at, zone)}
      </span>
      <span className={`oplog__cat oplog__cat--${entry.category}`}>{categoryWord(entry.category)}</span>
      <span className="oplog__text">{entry.text}</span>
      <span className="oplog__who">{system ? t('log.system') : entry.author_name}</span>
    </li>
  )
}

function WriteLine() {
  const queryClient = useQueryClient()
  const [text, setText] = useState('')
  const [category, setCategory] = useState<LogCategory>('note')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const save = async () => {
    if (!text.trim()) return
    setBusy(true)
    setError(null)
    try {
      await writeLog(text.trim(), category)
      setText('')
      await queryClient.invalidateQueries({ queryKey: ['oplog'] })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form
      className="oplog__write"
      data-testid="log-write"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <select aria-label={t('log.allCategories')} value={category} onChange={(e) => setCategory(e.target.value as LogCategory)}>
        {LOG_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {categoryWord(c)}
          </option>
        ))}
      </select>
      <input name="log-text" value={text} maxLength={4000} placeholder={t('log.placeholder')} aria-label={t('log.placeholder')} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={busy || !text.trim()}>
        {t('log.write')}
      </button>
      <ErrorNote error={error} />
    </form>
  )
}

export function LogPanel() {
  const person = usePerson()
  const zone = useTimeZone()
  const socket = useLiveSocket()
  const queryClient = useQueryClient()
  const [filter, setFilter] = useState<LogFilter>({ category: '', q: '' })
  const [words, setWords] = useState('')
  const [limit, setLimit] = useState(LOG_PAGE)
  const query = useQuery({ queryKey: logKey(filter, limit), queryFn: ({ signal }) => fetchLog(filter, limit, signal), placeholderData: keepPreviousData })
  // A new entry anywhere: the page is read again (it may or may not match the filters; the server decides).
  useEffect(() => {
    if (!socket) return
    const onEntry = () => void queryClient.invalidateQueries({ queryKey: ['oplog'] })
    socket.on('log', onEntry)
    return () => {
      socket.off('log', onEntry)
    }
  }, [socket, queryClient])
  const page = query.data
  const filtered = filter.category !== '' || filter.q.trim() !== ''

  return (
    <section className="oplog" data-testid="log-panel" data-state={query.isError ? 'error' : page ? 'ready' : 'loading'}>
      <form
        className="oplog__filters"
        onSubmit={(e) => {
          e.preventDefault()
          setLimit(LOG_PAGE)
          setFilter({ ...filter, q: words })
        }}
      >
        <select
          aria-label={t('log.allCategories')}
          value={filter.category}
          onChange={(e) => {
            setLimit(LOG_PAGE)
            setFilter({ ...filter, category: e.target.value as LogFilter['category'] })
          }}
        >
          <option value="">{t('log.allCategories')}</option>
          {LOG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryWord(c)}
            </option>
          ))}
        </select>
        <input type="search" name="log-search" value={words} placeholder={t('log.search')} aria-label={t('log.search')} onChange={(e) => setWords(e.target.value)} />
        {page && <span className="hint">{t('log.total', { n: page.total })}</span>}
        <a className="oplog__export" href={logExportHref(filter, 'csv')} download>
          CSV
        </a>
        <a className="oplog__export" href={logExportHref(filter, 'xlsx')} download>
          XLSX
        </a>
      </form>
      {person && roleIncludes(person.role, 'officer') && <WriteLine />}
      {query.isError ? (
        <ErrorNote error={query.error} />
      ) : !page ? (
        <p className="hint">{t('log.loading')}</p>
      ) : page.items.length === 0 ? (
        <p className="hint" data-testid="log-empty">
          {filtered ? t('log.noneMatch') : t('log.empty')}
        </p>
      ) : (
        <ul className="oplog__list">
          {page.items.map((e) => (
            <Entry key={e.id} entry={e} zone={zone} />
          ))}
          {page.total > page.items.length && limit < MAX_SHOWN && (
            <li>
              <button type="button" className="oplog__more" onClick={() => setLimit(Math.min(MAX_SHOWN, limit + LOG_PAGE))}>
                {t('log.more')}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  )
}
