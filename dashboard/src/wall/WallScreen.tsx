// The /wall route: the wall's parameters from its URL, read when it mounts,
// and its live connection, open for as long as it is on screen.
import { useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { t } from '../i18n/dictionary.ts'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'
import { wallParams } from './wall-params.ts'
import { WallPage } from './WallPage.tsx'

export function WallScreen() {
  const [search] = useSearchParams()
  const params = useMemo(() => wallParams(search), [search])
  return (
    <LiveConnectionProvider>
      <title>{t('page.wall')}</title>
      <WallPage params={params} />
    </LiveConnectionProvider>
  )
}
