// Trend series from GET /api/v1/kpis/:id/series, shared by every panel that
// shows the same KPI, window and region (a trend chart, a tile's sparkline,
// an alert's chart on the desk), and refreshed once a minute for as long as
// some panel on screen uses them.
import { useQuery } from '@tanstack/react-query'
import type { KpiId, WindowId } from '../../../schemas/kpis.ts'
import { getJson } from '../api/http.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

export interface SeriesPoint {
  at: number
  today: number | null
  yesterday: number | null
  last_week: number | null
}

export interface SeriesEntry {
  points: SeriesPoint[] | null
  /** Why the last fetch failed; the previous points stay shown. */
  error: string | null
}

interface SeriesAnswer {
  points: Array<{ at: string; today: number | null; yesterday: number | null; last_week: number | null }>
}

export type SeriesStep = '1m' | '15m' | '1h'
const STEP_MS: Record<SeriesStep, number> = { '1m': 60_000, '15m': 15 * 60_000, '1h': 3_600_000 }
// A whole day in 15-minute steps reads as a curve; an hour in minutes does too.
const STEP: Record<WindowId, SeriesStep> = { today: '15m', '60m': '1m', '15m': '1m' }
const REFRESH_MS = 60_000
// Until a first series arrives the panel has nothing to draw: try more often.
const RETRY_WITHOUT_DATA_MS = 10_000

async function fetchSeries(kpi: KpiId, window: WindowId, region: string | null, step: SeriesStep, signal: AbortSignal): Promise<SeriesPoint[]> {
  const query = new URLSearchParams({ window, step })
  if (region !== null) query.set('region', region)
  const answer = await getJson<SeriesAnswer>(`/api/v1/kpis/${encodeURIComponent(kpi)}/series?${query.toString()}`, signal)
  // The step still in progress is left out: a count for five minutes of a
  // fifteen-minute step would read as a sudden drop at the end of the line.
  // On the server's clock: a screen whose own clock is wrong must not cut the line elsewhere.
  const complete = Date.now() - useSnapshotStore.getState().serverOffsetMs - STEP_MS[step]
  return answer.points
    .map((p) => ({ at: Date.parse(p.at), today: p.today, yesterday: p.yesterday, last_week: p.last_week }))
    .filter((p) => p.at <= complete)
}

/**
 * The series of a KPI and window (of one region, or the whole territory; in
 * the window's usual step or another), fetched while the calling component
 * is mounted; points are null until they arrive.
 */
export function useSeries(kpi: KpiId, window: WindowId, enabled = true, region: string | null = null, step: SeriesStep = STEP[window]): SeriesEntry {
  const query = useQuery({
    queryKey: ['series', kpi, window, region, step],
    queryFn: ({ signal }) => fetchSeries(kpi, window, region, step, signal),
    enabled,
    refetchInterval: (q) => (q.state.data ? REFRESH_MS : RETRY_WITHOUT_DATA_MS),
  })
  return { points: query.data ?? null, error: query.error ? query.error.message : null }
}
