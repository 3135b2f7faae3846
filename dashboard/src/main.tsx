// The dashboard's entry: /wall is the zoned large screen; /desk and /lead are
// placeholders until their issues land. The wall's live machinery (clock,
// territory, layout refresh, socket, heartbeat, kiosk cursor) starts here,
// once, outside React: it lives as long as the page.
import { createRoot } from 'react-dom/client'
import { pick } from './i18n/lang.ts'
import { hideIdleCursor } from './kiosk/idle-cursor.ts'
import { startHeartbeat } from './live/heartbeat.ts'
import { startLayoutRefresh } from './live/layout-refresh.ts'
import { connectLive } from './live/socket-client.ts'
import { PlaceholderPage } from './pages/PlaceholderPage.tsx'
import { clockActions } from './stores/clock-store.ts'
import { useLayoutStore } from './stores/layout-store.ts'
import { useNowHistoryStore } from './stores/now-history-store.ts'
import { territoryActions } from './stores/territory-store.ts'
import './styles/wall.css'
import { WallPage } from './wall/WallPage.tsx'

function startWall(): void {
  clockActions.start()
  territoryActions.load()
  startLayoutRefresh()
  useNowHistoryStore.getState().actions.start()
  const socket = connectLive('wall')
  startHeartbeat(socket, () => useLayoutStore.getState().name)
  hideIdleCursor()
}

const root = createRoot(document.getElementById('root')!)
const path = window.location.pathname.replace(/\/+$/, '')

if (path.endsWith('/desk')) {
  root.render(<PlaceholderPage view="desk" />)
} else if (path.endsWith('/lead')) {
  root.render(<PlaceholderPage view="lead" />)
} else {
  document.title = pick('供电服务指挥中心 · 大屏', 'Command center wall')
  startWall()
  root.render(<WallPage />)
}
