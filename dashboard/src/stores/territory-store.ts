// The territory the server runs with: region, queue and team names for the
// labels, the time zone for the clock, the boundaries for the map. Loaded once,
// retried until it arrives (the wall starts with codes and the default zone).
import { create } from 'zustand'
import type { Territory } from '../../../schemas/territory.ts'
import { getJson } from '../api/http.ts'
import { DEFAULT_TIME_ZONE } from '../format/center-time.ts'
import { pick } from '../i18n/lang.ts'

export type TerritoryInfo = Territory & { time_zone: string }

interface TerritoryState {
  territory: TerritoryInfo | null
  /** code → name in the screen's language, for regions, queues and teams alike. */
  names: Record<string, string>
  actions: { load(): () => void }
}

export const useTerritoryStore = create<TerritoryState>()((set) => ({
  territory: null,
  names: {},
  actions: {
    load() {
      let timer: ReturnType<typeof setTimeout> | undefined
      let stopped = false
      const attempt = async (delayMs: number) => {
        try {
          const territory = await getJson<TerritoryInfo>('/api/v1/territory')
          if (stopped) return
          const names: Record<string, string> = {}
          for (const item of [...territory.regions, ...territory.queues, ...territory.teams]) names[item.code] = pick(item.name_zh, item.name_en)
          set({ territory, names })
        } catch {
          if (!stopped) timer = setTimeout(() => void attempt(Math.min(delayMs * 2, 60_000)), delayMs)
        }
      }
      void attempt(2_000)
      return () => {
        stopped = true
        clearTimeout(timer)
      }
    },
  },
}))

export const territoryActions = useTerritoryStore.getState().actions
export const useTerritory = (): TerritoryInfo | null => useTerritoryStore((s) => s.territory)
export const useTimeZone = (): string => useTerritoryStore((s) => s.territory?.time_zone ?? DEFAULT_TIME_ZONE)
/** The name of a region, queue or team in the screen's language; the code until the territory has loaded. */
export const useNames = (): Record<string, string> => useTerritoryStore((s) => s.names)
