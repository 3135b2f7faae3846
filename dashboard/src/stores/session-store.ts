// Who this browser is signed in as, as the server last said: a person (and
// the CSRF token their requests carry), a paired wall display, nobody, or
// not asked yet. The cookie itself stays with the browser (HttpOnly).
import { create } from 'zustand'
import type { Me, PairedDevice, SignedIn, SignedInUser } from '../../../schemas/access-api.ts'

export type Identity =
  | { kind: 'unknown' }
  | { kind: 'nobody' }
  | { kind: 'person'; user: SignedInUser }
  | { kind: 'device'; device: PairedDevice }

interface SessionState {
  identity: Identity
  /** The person's CSRF token; null for a display or nobody. */
  csrfToken: string | null
  actions: {
    /** What GET /api/v1/auth/me answered; null for a 401. */
    learned(me: Me | null): void
    signedIn(answer: SignedIn): void
    paired(device: PairedDevice): void
  }
}

export const useSessionStore = create<SessionState>()((set) => ({
  identity: { kind: 'unknown' },
  csrfToken: null,
  actions: {
    learned(me) {
      if (me === null) set({ identity: { kind: 'nobody' }, csrfToken: null })
      else if (me.kind === 'person') set({ identity: { kind: 'person', user: me.user }, csrfToken: me.csrf_token })
      else set({ identity: { kind: 'device', device: me.device }, csrfToken: null })
    },
    signedIn: (answer) => set({ identity: { kind: 'person', user: answer.user }, csrfToken: answer.csrf_token }),
    paired: (device) => set({ identity: { kind: 'device', device }, csrfToken: null }),
  },
}))

export const sessionActions = useSessionStore.getState().actions

export const useIdentity = (): Identity => useSessionStore((s) => s.identity)

/** The signed-in person, or null. */
export const usePerson = (): SignedInUser | null => useSessionStore((s) => (s.identity.kind === 'person' ? s.identity.user : null))
