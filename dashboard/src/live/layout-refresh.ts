// Fetches the wall's layout now and every minute after, so an edited layout
// file reaches the wall without anyone touching it. A layout the server
// refuses (422 with the problem named) or cannot give leaves the last good one
// on screen, with a notice saying what is wrong.
import type { Layout } from '../../../schemas/layout.ts'
import { ApiError, getJson } from '../api/http.ts'
import { layoutActions, useLayoutStore } from '../stores/layout-store.ts'

// Every minute by default; ?layout_refresh=SECONDS (5 to 3600) for a wall
// whose layout must follow edits faster, or a test that cannot wait a minute.
const asked = Number(new URLSearchParams(window.location.search).get('layout_refresh'))
const EVERY_MS = Number.isInteger(asked) && asked >= 5 && asked <= 3600 ? asked * 1000 : 60_000
// Until a first layout arrives there is nothing to show: try more often.
const EVERY_MS_WITHOUT_LAYOUT = Math.min(EVERY_MS, 10_000)

export const LAYOUT_RETRY_SECONDS = EVERY_MS_WITHOUT_LAYOUT / 1000

export function startLayoutRefresh(): () => void {
  const name = useLayoutStore.getState().name
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const load = async () => {
    try {
      layoutActions.accept(await getJson<Layout>(`/api/v1/layouts/${encodeURIComponent(name)}`))
    } catch (err) {
      layoutActions.refuse(err instanceof ApiError ? err.message : String(err))
    }
    if (!stopped) timer = setTimeout(() => void load(), useLayoutStore.getState().layout ? EVERY_MS : EVERY_MS_WITHOUT_LAYOUT)
  }
  void load()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
