// The alerts of the rule engine as the server sends them (schemas/alerts.ts):
// the whole list on connect (and on request), then each change as it
// happens, applied in batches (a storm of hundreds of changes in one tick is
// one update of the screen, not hundreds). The ticker shows those people were
// told of: firing or acknowledged, most serious first, at most MAX_TICKER.
import { useMemo } from 'react'
import { create } from 'zustand'
import type { Alert, AlertState } from '../../../schemas/alerts.ts'
import type { AlertEvent } from '../../../schemas/socket-events.ts'

interface AlarmState {
  /** null until the server has sent the list once. */
  alerts: Alert[] | null
  actions: {
    setAlerts(alerts: Alert[]): void
    applyChange(event: AlertEvent): void
    reset(): void
  }
}

/** The most the ticker lists at once. */
export const MAX_TICKER = 30
/** Changes that arrive within this are applied together. */
const BATCH_MS = 100

let queued: AlertEvent[] = []
let timer: ReturnType<typeof setTimeout> | undefined

export const useAlarmStore = create<AlarmState>()((set) => {
  const applyQueued = () => {
    const batch = queued
    queued = []
    timer = undefined
    // A change before the first list is dropped: the list that follows holds it.
    set((s) => {
      if (s.alerts === null) return s
      const byId = new Map(s.alerts.map((a) => [a.id, a]))
      for (const e of batch) byId.set(e.alert.id, e.alert)
      return { alerts: [...byId.values()] }
    })
  }
  const dropQueued = () => {
    clearTimeout(timer)
    timer = undefined
    queued = []
  }
  return {
    alerts: null,
    actions: {
      setAlerts: (alerts) => {
        dropQueued()
        set({ alerts })
      },
      applyChange: (event) => {
        queued.push(event)
        timer ??= setTimeout(applyQueued, BATCH_MS)
      },
      reset: () => {
        dropQueued()
        set({ alerts: null })
      },
    },
  }
})

export const alarmActions = useAlarmStore.getState().actions

const SHOWN: ReadonlySet<AlertState> = new Set(['firing', 'acknowledged'])
const RANK = { critical: 0, warning: 1, info: 2 } as const

/** The firing and acknowledged alerts of one region (all when the screen watches the whole territory), most serious first, then oldest first. */
export function useOpenAlerts(region: string | null): Alert[] | null {
  const alerts = useAlarmStore((s) => s.alerts)
  return useMemo(
    () =>
      alerts
        ?.filter((a) => SHOWN.has(a.state) && (region === null || a.labels.region === region))
        .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.fired_at ?? '').localeCompare(b.fired_at ?? '')) ?? null,
    [alerts, region],
  )
}

/** The ticker's alerts: the open ones, at most MAX_TICKER. */
export function useAlarms(region: string | null): Alert[] | null {
  const open = useOpenAlerts(region)
  return useMemo(() => open?.slice(0, MAX_TICKER) ?? null, [open])
}
