// The comments being written on alerts, by alert id, apart from the rows
// that show them: a row that unmounts (its alert moved to another list, the
// socket reconnected and the list came again) or an alert shown in two
// places keeps one draft, and nothing typed is lost. Kept in the tab's
// sessionStorage too, so a phone that discards a background tab and reloads
// it on return still has the words. A draft goes when its action succeeds.
import { create } from 'zustand'

const KEY = 'cc.comment-drafts'

interface DraftsState {
  /** null until read back from the tab's storage (on the first field's mount, never at import). */
  drafts: Record<string, string> | null
  actions: {
    restore(): void
    set(alertId: string, text: string): void
    clear(alertId: string): void
  }
}

function stored(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}')
    if (!parsed || typeof parsed !== 'object') return {}
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    // No storage (a private window's quota, a browser without it): drafts live in memory only.
    return {}
  }
}

function keep(drafts: Record<string, string>): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(drafts))
  } catch {
    // As above: memory only.
  }
}

export const useCommentDrafts = create<DraftsState>()((set, get) => {
  const change = (next: Record<string, string>) => {
    set({ drafts: next })
    keep(next)
  }
  return {
    drafts: null,
    actions: {
      restore: () => {
        if (get().drafts === null) set({ drafts: stored() })
      },
      set: (alertId, text) => {
        const { [alertId]: _old, ...rest } = get().drafts ?? stored()
        change(text === '' ? rest : { ...rest, [alertId]: text })
      },
      clear: (alertId) => {
        const { [alertId]: _gone, ...rest } = get().drafts ?? stored()
        change(rest)
      },
    },
  }
})

export const commentDrafts = useCommentDrafts.getState().actions

/** The draft of one alert's comment ('' when none). */
export const useCommentDraft = (alertId: string): string => useCommentDrafts((s) => s.drafts?.[alertId] ?? '')
