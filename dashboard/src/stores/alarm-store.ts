// The alerts of the rule engine as the server sends them (schemas/alerts.ts):
// the whole list on connect (and on request), then each change as it
// happens. The ticker shows those people were told of: firing or
// acknowledged, most serious first.
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

export const useAlarmStore = create<AlarmState>()((set) => ({
  alerts: null,
  actions: {
    setAlerts: (alerts) => set({ alerts }),
    // A change before the first list is dropped: the list that follows holds it.
    applyChange: (event) =>
      set((s) => (s.alerts === null ? s : { alerts: [...s.alerts.filter((a) => a.id !== event.alert.id), event.alert] })),
    reset: () => set({ alerts: null }),
  },
}))

export const alarmActions = useAlarmStore.getState().actions

const SHOWN: ReadonlySet<AlertState> = new Set(['firing', 'acknowledged'])
const RANK = { critical: 0, warning: 1, info: 2 } as const

/** The ticker's alerts of one region, or all when the screen watches the whole territory. */
export function useAlarms(region: string | null): Alert[] | null {
  const alerts = useAlarmStore((s) => s.alerts)
  return useMemo(
    () =>
      alerts
        ?.filter((a) => SHOWN.has(a.state) && (region === null || a.labels.region === region))
        .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.fired_at ?? '').localeCompare(b.fired_at ?? '')) ?? null,
    [alerts, region],
  )
}
