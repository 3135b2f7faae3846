// Whether the shift lead wants the alert tone on this browser: off until
// they turn it on with a tap (a phone must not start ringing in a meeting
// unasked, and a mobile browser plays nothing before a tap anyway), and
// remembered in localStorage, so the page asks once, not at every visit.
import { create } from 'zustand'

const KEY = 'cc.lead.sound'

interface LeadSoundState {
  /** null until read back from storage (on the control's mount, never at import). */
  on: boolean | null
  actions: {
    restore(): void
    set(on: boolean): void
  }
}

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on'
  } catch {
    // No storage (a private window, a browser without it): off until tapped, for this visit.
    return false
  }
}

export const useLeadSound = create<LeadSoundState>()((set, get) => ({
  on: null,
  actions: {
    restore: () => {
      if (get().on === null) set({ on: stored() })
    },
    set: (on) => {
      set({ on })
      try {
        localStorage.setItem(KEY, on ? 'on' : 'off')
      } catch {
        // As above: remembered for this visit only.
      }
    },
  },
}))
