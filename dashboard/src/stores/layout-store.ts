// The layout the wall shows: the last good one, and the problem with the
// newest one when the server refused it. The last good layout is also kept in
// localStorage, so a wall that reloads while its layout file is broken comes
// back with what it showed before instead of an empty screen.
import { create } from 'zustand'
import type { Layout } from '../../../schemas/layout.ts'

interface LayoutState {
  name: string
  layout: Layout | null
  /** Why the newest layout could not be used, or null. */
  problem: string | null
  actions: {
    accept(layout: Layout): void
    refuse(problem: string): void
  }
}

export const LAYOUT_NAME = new URLSearchParams(window.location.search).get('layout') || 'default'
const storageKey = `wall-layout:${LAYOUT_NAME}`

function remembered(): Layout | null {
  try {
    const text = window.localStorage.getItem(storageKey)
    return text ? (JSON.parse(text) as Layout) : null
  } catch {
    return null
  }
}

export const useLayoutStore = create<LayoutState>()((set, get) => ({
  name: LAYOUT_NAME,
  layout: remembered(),
  problem: null,
  actions: {
    accept(layout) {
      const text = JSON.stringify(layout)
      // An unchanged layout keeps its object, so the zones do not re-render every refresh.
      if (JSON.stringify(get().layout) !== text) {
        set({ layout })
        try {
          window.localStorage.setItem(storageKey, text)
        } catch {
          // A full or disabled storage only loses the fallback, not the wall.
        }
      }
      if (get().problem !== null) set({ problem: null })
    },
    refuse(problem) {
      if (get().problem !== problem) set({ problem })
    },
  },
}))

export const layoutActions = useLayoutStore.getState().actions
