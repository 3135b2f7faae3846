// One clock for the whole page, ticking once a second on the second.
// Components read `now` from here instead of calling Date.now() in render, so
// every figure on the wall that depends on the time (the clock, "delayed N s",
// "overdue by") moves together and re-renders once a second at most.
import { create } from 'zustand'

interface ClockState {
  now: number
  actions: { start(): () => void }
}

export const useClockStore = create<ClockState>()((set) => ({
  now: Date.now(),
  actions: {
    start() {
      let timer: ReturnType<typeof setTimeout> | undefined
      const tick = () => {
        const now = Date.now()
        set({ now })
        // Re-aimed at the next whole second each time, so the clock never drifts.
        timer = setTimeout(tick, 1000 - (now % 1000) + 5)
      }
      tick()
      return () => clearTimeout(timer)
    },
  },
}))

export const useNow = (): number => useClockStore((s) => s.now)
export const clockActions = useClockStore.getState().actions
