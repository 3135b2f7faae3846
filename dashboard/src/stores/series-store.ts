// Trend series from GET /api/v1/kpis/:id/series, shared by every panel that
// shows the same KPI and window (a trend chart and a tile's sparkline), and
// refreshed once a minute for as long as some panel on screen uses them.
import { useEffect } from 'react'
import { create } from 'zustand'
import type { KpiId, WindowId } from '../../../schemas/kpis.ts'
import { getJson } from '../api/http.ts'

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

// A whole day in 15-minute steps reads as a curve; an hour in minutes does too.
const STEP: Record<WindowId, string> = { today: '15m', '60m': '1m', '15m': '1m' }
const STEP_MS: Record<WindowId, number> = { today: 15 * 60_000, '60m': 60_000, '15m': 60_000 }
const REFRESH_MS = 60_000

const keyOf = (kpi: KpiId, window: WindowId) => `${kpi}|${window}`

interface SeriesState {
  entries: Record<string, SeriesEntry>
  actions: { use(kpi: KpiId, window: WindowId): () => void }
}

const users = new Map<string, number>()
let timer: ReturnType<typeof setInterval> | undefined

export const useSeriesStore = create<SeriesState>()((set, get) => {
  const fetchOne = async (key: string) => {
    const [kpi, window] = key.split('|') as [KpiId, WindowId]
    try {
      const answer = await getJson<SeriesAnswer>(`/api/v1/kpis/${encodeURIComponent(kpi)}/series?window=${window}&step=${STEP[window]}`)
      // The step still in progress is left out: a count for five minutes of a
      // fifteen-minute step would read as a sudden drop at the end of the line.
      const complete = Date.now() - STEP_MS[window]
      const points = answer.points
        .map((p) => ({ at: Date.parse(p.at), today: p.today, yesterday: p.yesterday, last_week: p.last_week }))
        .filter((p) => p.at <= complete)
      set({ entries: { ...get().entries, [key]: { points, error: null } } })
    } catch (err) {
      const previous = get().entries[key]
      set({ entries: { ...get().entries, [key]: { points: previous?.points ?? null, error: (err as Error).message } } })
    }
  }
  const refreshAll = () => {
    for (const key of users.keys()) void fetchOne(key)
  }
  return {
    entries: {},
    actions: {
      use(kpi, window) {
        const key = keyOf(kpi, window)
        const count = users.get(key) ?? 0
        users.set(key, count + 1)
        if (count === 0) void fetchOne(key)
        timer ??= setInterval(refreshAll, REFRESH_MS)
        return () => {
          const left = (users.get(key) ?? 1) - 1
          if (left > 0) {
            users.set(key, left)
            return
          }
          users.delete(key)
          const { [key]: _gone, ...rest } = get().entries
          set({ entries: rest })
          if (users.size === 0 && timer !== undefined) {
            clearInterval(timer)
            timer = undefined
          }
        }
      },
    },
  }
})

/** The series of a KPI and window, fetched while the calling component is mounted; null until it arrives. */
export function useSeries(kpi: KpiId, window: WindowId, enabled = true): SeriesEntry | undefined {
  useEffect(() => (enabled ? useSeriesStore.getState().actions.use(kpi, window) : undefined), [kpi, window, enabled])
  return useSeriesStore((s) => s.entries[keyOf(kpi, window)])
}
