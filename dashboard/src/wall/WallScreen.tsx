// The /wall route. It first asks the server who this screen is: a paired
// display shows the layout an administrator gave it, a signed-in person the
// layout of the URL (as a wall always has), and a screen nobody has paired
// its pairing code. The live connection is open for as long as the wall is
// on screen; when it says the session ended, the question is asked again,
// and a display that was revoked goes back to its pairing code by itself.
import { useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { t } from '../i18n/dictionary.ts'
import { LiveConnectionProvider } from '../live/LiveConnectionProvider.tsx'
import { sessionActions } from '../stores/session-store.ts'
import { PairingScreen } from './PairingScreen.tsx'
import { useWallIdentity } from './useWallIdentity.ts'
import { wallParams, type WallParams } from './wall-params.ts'
import { WallPage } from './WallPage.tsx'

function LiveWall({ params, display, onSessionEnded }: { params: WallParams; display: boolean; onSessionEnded: () => void }) {
  return (
    <LiveConnectionProvider onSessionEnded={onSessionEnded}>
      <title>{t('page.wall')}</title>
      <WallPage params={params} heartbeat={display} />
    </LiveConnectionProvider>
  )
}

function Connecting({ problem }: { problem: string | null }) {
  return (
    <div className="wall-waiting" data-testid="wall-connecting">
      <title>{t('page.wall')}</title>
      <div className="wall-waiting__title">{t('wall.connecting')}</div>
      {problem && <div className="wall-waiting__detail">{t('wall.connectingProblem', { m: problem })}</div>}
    </div>
  )
}

export function WallScreen() {
  const [search] = useSearchParams()
  const params = useMemo(() => wallParams(search), [search])
  const { identity, problem, recheck } = useWallIdentity()
  const layout = identity.kind === 'device' ? identity.device.layout : params.layout
  const shown = useMemo(() => ({ ...params, layout }), [params, layout])
  switch (identity.kind) {
    case 'unknown':
      return <Connecting problem={problem} />
    case 'nobody':
      return <PairingScreen onPaired={sessionActions.paired} />
    case 'person':
    case 'device':
      return <LiveWall params={shown} display={identity.kind === 'device'} onSessionEnded={recheck} />
  }
}
