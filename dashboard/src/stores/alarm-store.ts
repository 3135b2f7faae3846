// The ticker's alarms as the server judged them (schemas/alarms.ts): the
// whole list arrives on connect and whenever it changes.
import { useMemo } from 'react'
import { create } from 'zustand'
import type { Alarm } from '../../../schemas/alarms.ts'

interface AlarmState {
  /** null until the server has sent the list once. */
  alarms: Alarm[] | null
  actions: {
    setAlarms(alarms: Alarm[]): void
    reset(): void
  }
}

export const useAlarmStore = create<AlarmState>()((set) => ({
  alarms: null,
  actions: {
    setAlarms: (alarms) => set({ alarms }),
    reset: () => set({ alarms: null }),
  },
}))

export const alarmActions = useAlarmStore.getState().actions

/** The alarms of one region, or all when the screen watches the whole territory. */
export function useAlarms(region: string | null): Alarm[] | null {
  const alarms = useAlarmStore((s) => s.alarms)
  return useMemo(() => alarms?.filter((a) => region === null || a.region === region) ?? null, [alarms, region])
}
