// The wall's layout: fetched when the wall mounts and again on its refresh
// interval, so an edited layout file reaches the wall without anyone touching
// it. A layout the server refuses (422 with the problem named) or cannot give
// leaves the last good one on screen, with the problem said beside it.
import { useQuery } from '@tanstack/react-query'
import type { Layout } from '../../../schemas/layout.ts'
import { ApiError, getJson } from '../api/http.ts'
import { rememberedLayout, rememberLayout } from '../wall/remembered-layout.ts'

// Until a first layout arrives there is nothing to show: try at least this often.
const RETRY_WITHOUT_LAYOUT_MS = 10_000

export interface WallLayout {
  layout: Layout | null
  /** Why the newest layout could not be used, or null. */
  problem: string | null
}

async function fetchLayout(name: string, signal: AbortSignal): Promise<Layout> {
  const layout = await getJson<Layout>(`/api/v1/layouts/${encodeURIComponent(name)}`, signal)
  rememberLayout(name, layout)
  return layout
}

/** How often a wall without a layout asks for one. */
export const retryWithoutLayoutMs = (refreshMs: number): number => Math.min(refreshMs, RETRY_WITHOUT_LAYOUT_MS)

export function useWallLayout(name: string, refreshMs: number): WallLayout {
  const query = useQuery({
    queryKey: ['layout', name],
    queryFn: ({ signal }) => fetchLayout(name, signal),
    // The remembered layout shows at once, and counts as out of date: the
    // server's is asked for straight away.
    initialData: () => rememberedLayout(name),
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (q.state.data ? refreshMs : retryWithoutLayoutMs(refreshMs)),
  })
  const error = query.error
  return { layout: query.data ?? null, problem: error === null ? null : error instanceof ApiError ? error.message : String(error) }
}
