// The paired walls with their health, refreshed every few seconds so that a
// wall going dark or coming back shows here without a reload. Revoked ones
// stay listed (greyed) with who revoked them and when.
import { useQuery } from '@tanstack/react-query'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, displaysApi } from './admin-api.ts'
import { DisplayRow } from './DisplayRow.tsx'
import { useLayoutNames } from './LayoutSelect.tsx'

const REFRESH_MS = 5_000

export function DisplayList() {
  const query = useQuery({ queryKey: adminKeys.displays, queryFn: ({ signal }) => displaysApi.list(signal), refetchInterval: REFRESH_MS })
  const layouts = useLayoutNames()
  const displays = query.data
  return (
    <div className="panel-card">
      <h2>{t('displays.listTitle')}</h2>
      <ErrorNote error={query.error} />
      {displays === undefined ? (
        query.isPending && <p className="hint">{t('form.loading')}</p>
      ) : displays.length === 0 ? (
        <p className="empty" data-testid="displays-empty">
          {t('displays.empty')}
        </p>
      ) : (
        <table className="table" data-testid="displays">
          <thead>
            <tr>
              <th>{t('displays.name')}</th>
              <th>{t('displays.layout')}</th>
              <th>{t('displays.state')}</th>
              <th>{t('displays.lastSeen')}</th>
              <th>{t('displays.build')}</th>
              <th>{t('displays.health')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {displays.map((display) => (
              <DisplayRow key={display.id} display={display} layoutNames={layouts.names} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
