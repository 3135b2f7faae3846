// A short memory of the "now" KPIs (queue, open orders, active outages), which
// have no history on the server: one sample a minute for the last hour, so
// their tiles can draw a sparkline too. Bounded, so a wall running for days
// holds the same 60 numbers per KPI.
import { create } from 'zustand'
import { KPI_DEFINITIONS, KPI_IDS, type KpiId } from '../../../schemas/kpis.ts'
import { useSnapshotStore } from './snapshot-store.ts'

const SAMPLES = 60
const EVERY_MS = 60_000
const NOW_KPIS = KPI_IDS.filter((id) => KPI_DEFINITIONS[id].kind === 'now')

interface NowHistoryState {
  samples: Partial<Record<KpiId, number[]>>
  actions: { start(): () => void }
}

export const useNowHistoryStore = create<NowHistoryState>()((set, get) => {
  const sample = () => {
    const snapshot = useSnapshotStore.getState().snapshot
    if (!snapshot) return false
    const samples: Partial<Record<KpiId, number[]>> = {}
    for (const id of NOW_KPIS) {
      const value = snapshot.windows.today[id]?.value
      const before = get().samples[id] ?? []
      samples[id] = value === null || value === undefined ? before : [...before, value].slice(-SAMPLES)
    }
    set({ samples })
    return true
  }
  return {
    samples: {},
    actions: {
      start() {
        const timer = setInterval(sample, EVERY_MS)
        // The first sample as soon as there is data, so a fresh wall draws a line within a minute.
        const unsubscribe = useSnapshotStore.subscribe((state, previous) => {
          if (state.snapshot && !previous.snapshot && Object.keys(get().samples).length === 0) sample()
        })
        return () => {
          clearInterval(timer)
          unsubscribe()
          set({ samples: {} })
        }
      },
    },
  }
})

export const nowHistoryActions = useNowHistoryStore.getState().actions
export const useNowHistory = (id: KpiId): number[] | undefined => useNowHistoryStore((s) => s.samples[id])
